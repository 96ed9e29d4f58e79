package org.tta.safety.escalation;

import java.time.Instant;

/**
 * One step to publish: the escalation's state after it, who took it, and the resolve note (clinical content, which
 * goes into the audit record only, never onto the escalation event).
 *
 * @param step          one of the {@code SafetyEscalation.STEP_*} names
 * @param after         the escalation after the step ({@code state} is {@code resolved} for the last step)
 * @param actorId       the clinician, or null for the worker's own steps
 * @param actorRole     the clinician's role, or null
 * @param note          the resolve note, or null
 * @param occurredAt    when it happened
 * @param previousRoute the route before the step when the step changed it (review to page), else null
 */
public record EscalationStep(String step, EscalationState after, String actorId, String actorRole, String note,
        Instant occurredAt, Route previousRoute) {

    /** A step that keeps the escalation's route. */
    public EscalationStep(String step, EscalationState after, String actorId, String actorRole, String note,
            Instant occurredAt) {
        this(step, after, actorId, actorRole, note, occurredAt, null);
    }

    /** Whether this step made a review escalation a page. */
    public boolean paged() {
        return previousRoute == Route.REVIEW && after.route() == Route.PAGE;
    }

    @Override
    public String toString() {
        return "EscalationStep[step=" + step + ", after=" + after + ", actorId=" + actorId + ", note="
                + (note == null ? "null" : "<redacted>") + ", previousRoute=" + previousRoute + "]";
    }
}
