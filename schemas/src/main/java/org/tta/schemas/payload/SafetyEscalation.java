package org.tta.schemas.payload;

import java.time.Instant;

/**
 * Data of {@code org.tta.safety.escalation.v1}: one step in the life of an escalation
 * ({@code safety-escalation.v1.json}). Carries no message text and no clinical note.
 *
 * @param escalationId the escalation's id (a UUIDv7), the same on every step
 * @param sessionId    the session in crisis (also the record key)
 * @param step         what happened, one of the {@code STEP_*} constants
 * @param state        the state after the step, one of the {@code STATE_*} constants
 * @param tier         {@code high} or {@code imminent}
 * @param category     the kind of risk, such as {@code suicidal_ideation}
 * @param onCallLevel  which on-call tier is paged: 0 first, one more on each re-escalation
 * @param deadline     when it re-escalates unless acknowledged; null once acknowledged or resolved
 * @param scanEventId  the CloudEvents id of the latest scan that signalled the crisis
 * @param occurredAt   when the step happened
 * @param actor        who acknowledged or resolved; null for the worker's own steps
 */
public record SafetyEscalation(String escalationId, String sessionId, String step, String state, String tier,
        String category, int onCallLevel, Instant deadline, String scanEventId, Instant occurredAt, String actor) {

    public static final String STEP_OPENED = "opened";
    public static final String STEP_UPDATED = "updated";
    public static final String STEP_ACKNOWLEDGED = "acknowledged";
    public static final String STEP_RE_ESCALATED = "re_escalated";
    public static final String STEP_RESOLVED = "resolved";

    public static final String STATE_OPEN = "open";
    public static final String STATE_ACKNOWLEDGED = "acknowledged";
    public static final String STATE_RESOLVED = "resolved";
}
