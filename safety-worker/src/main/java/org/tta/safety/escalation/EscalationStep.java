package org.tta.safety.escalation;

import java.time.Instant;

/**
 * One step to publish: the escalation's state after it, who took it, and the resolve note (clinical content, which
 * goes into the audit record only, never onto the escalation event).
 *
 * @param step       one of the {@code SafetyEscalation.STEP_*} names
 * @param after      the escalation after the step ({@code state} is {@code resolved} for the last step)
 * @param actorId    the clinician, or null for the worker's own steps
 * @param actorRole  the clinician's role, or null
 * @param note       the resolve note, or null
 * @param occurredAt when it happened
 */
public record EscalationStep(String step, EscalationState after, String actorId, String actorRole, String note,
        Instant occurredAt) {

    @Override
    public String toString() {
        return "EscalationStep[step=" + step + ", after=" + after + ", actorId=" + actorId + ", note="
                + (note == null ? "null" : "<redacted>") + "]";
    }
}
