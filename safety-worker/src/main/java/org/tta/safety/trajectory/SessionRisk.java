package org.tta.safety.trajectory;

import java.util.List;
import java.util.Optional;

import org.tta.safety.escalation.EscalationState;

/**
 * The risk state of one session, kept in a state store with a changelog topic: the record times of recent moderate
 * scans (for the trajectory rule) and the session's unresolved escalations (usually none or one).
 */
public record SessionRisk(List<Long> moderate, List<EscalationState> escalations) {

    public static final SessionRisk EMPTY = new SessionRisk(List.of(), List.of());

    public SessionRisk {
        moderate = moderate == null ? List.of() : List.copyOf(moderate);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
    }

    public Optional<EscalationState> escalation(String escalationId) {
        return escalations.stream().filter(e -> e.escalationId().equals(escalationId)).findFirst();
    }

    /** With {@code escalation} replacing the one of the same id (or added), or removed when it is resolved. */
    public SessionRisk with(EscalationState escalation, boolean resolved) {
        List<EscalationState> others = escalations.stream()
                .filter(e -> !e.escalationId().equals(escalation.escalationId())).toList();
        if (resolved) {
            return new SessionRisk(moderate, others);
        }
        List<EscalationState> all = new java.util.ArrayList<>(others);
        all.add(escalation);
        return new SessionRisk(moderate, all);
    }

    public SessionRisk withModerate(List<Long> times) {
        return new SessionRisk(times, escalations);
    }

    public boolean isEmpty() {
        return moderate.isEmpty() && escalations.isEmpty();
    }
}
