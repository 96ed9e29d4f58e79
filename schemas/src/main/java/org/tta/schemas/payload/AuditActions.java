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
    /**
     * Someone read or exported the audit trail (records, a timeline, an export, a report), with the reason
     * they gave; written by the audit-sink before it answers.
     */
    public static final String AUDIT_ACCESSED = "audit.accessed";
    /** A participant consented to the recording and clinical review of a session. */
    public static final String CONSENT_GRANTED = "consent.granted";
    /** A participant withdrew the consent to recording and clinical review. */
    public static final String CONSENT_REVOKED = "consent.revoked";
    /** A request carried no valid token (expired, forged, wrong issuer or audience). */
    public static final String AUTH_FAILED = "auth.failed";
    /** A client address was put on the block list (a flood, repeated bad tokens). */
    public static final String CLIENT_BLOCKED = "security.client.blocked";
    /** The safety-worker escalated a session to clinicians (an escalation was opened). */
    public static final String SAFETY_ESCALATED = "safety.escalated";
    /** Another crisis signal in the same episode updated an open escalation. */
    public static final String SAFETY_ESCALATION_UPDATED = "safety.escalation.updated";
    /** A clinician acknowledged an escalation (or tried to: see the outcome). */
    public static final String SAFETY_ESCALATION_ACKNOWLEDGED = "safety.escalation.acknowledged";
    /** An escalation passed its deadline unacknowledged and went to the next on-call level. */
    public static final String SAFETY_ESCALATION_RE_ESCALATED = "safety.escalation.re_escalated";
    /**
     * A review escalation (a raise of the statistical signal alone) became a page to the on-call clinicians: nobody
     * acknowledged it by its review deadline, or the rules escalated in the same episode.
     */
    public static final String SAFETY_ESCALATION_PAGED = "safety.escalation.paged";
    /** A clinician resolved an escalation (the note is the record's content), or tried to: see the outcome. */
    public static final String SAFETY_ESCALATION_RESOLVED = "safety.escalation.resolved";
    /** A backend service published an event into a session ({@code POST /api/v1/events}). */
    public static final String EVENT_PUBLISHED = "event.published";

    /** An operator listed dead letters of the event-router. */
    public static final String DEAD_LETTERS_READ = "deadletter.read";
    /** An operator redelivered a dead letter to its subscription. */
    public static final String DEAD_LETTER_REDRIVEN = "deadletter.redriven";

    private AuditActions() {
    }
}
