package org.tta.schemas.payload;

/** The {@code action} values of audit records: {@code <area>.<verb>}, lower case. */
public final class AuditActions {

    /** A participant posted a message to a session. */
    public static final String MESSAGE_POSTED = "session.message.posted";
    /** A therapist or a service created a session. */
    public static final String SESSION_CREATED = "session.created";
    /** The participant list of a session was replaced. */
    public static final String SESSION_PARTICIPANTS_CHANGED = "session.participants.changed";
    /** A caller was refused access to a resource. */
    public static final String ACCESS_DENIED = "access.denied";
    /** A clinical reviewer read the audit trail; reads of the trail are audited too. */
    public static final String AUDIT_TRAIL_READ = "audit.trail.read";
    /** The safety-worker escalated a session to clinicians. */
    public static final String SAFETY_ESCALATED = "safety.escalated";
    /** A backend service published an event into a session ({@code POST /api/v1/events}). */
    public static final String EVENT_PUBLISHED = "event.published";

    /** An operator listed dead letters of the event-router. */
    public static final String DEAD_LETTERS_READ = "deadletter.read";
    /** An operator redelivered a dead letter to its subscription. */
    public static final String DEAD_LETTER_REDRIVEN = "deadletter.redriven";

    private AuditActions() {
    }
}
