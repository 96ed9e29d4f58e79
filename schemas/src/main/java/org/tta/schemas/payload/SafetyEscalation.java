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
 * @param route        who is asked: {@code page} (the on-call clinicians) or {@code review} (the clinical review
 *                     queue, for a raise of the statistical signal alone); null (absent) means {@code page}, as on
 *                     every record written before routes existed
 * @param previousRoute the route before this step, only on the step that changed it (a review that became a page);
 *                     null otherwise
 */
public record SafetyEscalation(String escalationId, String sessionId, String step, String state, String tier,
        String category, int onCallLevel, Instant deadline, String scanEventId, Instant occurredAt, String actor,
        String route, String previousRoute) {

    /** A step of the shape before routes (route absent: a page). */
    public SafetyEscalation(String escalationId, String sessionId, String step, String state, String tier,
            String category, int onCallLevel, Instant deadline, String scanEventId, Instant occurredAt, String actor) {
        this(escalationId, sessionId, step, state, tier, category, onCallLevel, deadline, scanEventId, occurredAt, actor,
                null, null);
    }

    /** The route, {@link #ROUTE_PAGE} when absent. */
    public String routeOrPage() {
        return route == null ? ROUTE_PAGE : route;
    }

    public static final String STEP_OPENED = "opened";
    public static final String STEP_UPDATED = "updated";
    public static final String STEP_ACKNOWLEDGED = "acknowledged";
    public static final String STEP_RE_ESCALATED = "re_escalated";
    public static final String STEP_RESOLVED = "resolved";

    public static final String STATE_OPEN = "open";
    public static final String STATE_ACKNOWLEDGED = "acknowledged";
    public static final String STATE_RESOLVED = "resolved";

    /** The on-call clinicians are paged (every escalation of the rules, and every record without a route). */
    public static final String ROUTE_PAGE = "page";
    /** The clinical review queue: a raise of the statistical signal alone, until reviewed or its deadline passes. */
    public static final String ROUTE_REVIEW = "review";
}
