package org.tta.safety.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.tta.safety.classify.Tier;
import org.tta.safety.config.SafetyProperties;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.payload.EscalationCommand;
import org.tta.schemas.payload.SafetyEscalation;

/**
 * The escalation lifecycle as pure functions of the session's unresolved escalations, so that the stream task
 * applies it under its exactly-once transaction and tests can check it alone. Thread-safe (stateless).
 *
 * <p>Episodes: a crisis signal opens an escalation unless the session has an unresolved one whose last signal is
 * within the episode window; then that one is updated (its tier raised if the new signal is higher, its deadline
 * brought forward if the higher tier's is sooner). Lifecycle: open → acknowledged → resolved, or open → resolved;
 * an open escalation past its deadline re-escalates to the next on-call level with a new deadline.
 */
public final class EscalationPolicy {

    private final SafetyProperties.Escalation settings;

    public EscalationPolicy(SafetyProperties.Escalation settings) {
        this.settings = settings;
    }

    /** Opens a new escalation or updates the episode's one for a crisis signal of {@code tier}. */
    public EscalationStep onCrisis(List<EscalationState> unresolved, Tier tier, String category, String scanEventId,
            Instant now) {
        Optional<EscalationState> episode = unresolved.stream()
                .filter(e -> !e.lastSignalAt().plus(settings.episodeWindow()).isBefore(now))
                .max(Comparator.comparing(EscalationState::lastSignalAt));
        if (episode.isEmpty()) {
            EscalationState opened = new EscalationState(EventIds.newId(), tier, category, SafetyEscalation.STATE_OPEN, 0,
                    now.plus(ackDeadline(tier)), scanEventId, now);
            return new EscalationStep(SafetyEscalation.STEP_OPENED, opened, null, null, null, now);
        }
        EscalationState current = episode.get();
        boolean higher = tier.compareTo(current.tier()) > 0;
        Instant deadline = current.deadline();
        if (higher && deadline != null) {
            Instant sooner = now.plus(ackDeadline(tier));
            deadline = sooner.isBefore(deadline) ? sooner : deadline;
        }
        EscalationState updated = new EscalationState(current.escalationId(), higher ? tier : current.tier(),
                higher ? category : current.category(), current.state(), current.onCallLevel(), deadline, scanEventId, now);
        return new EscalationStep(SafetyEscalation.STEP_UPDATED, updated, null, null, null, now);
    }

    /**
     * Applies a clinician's command.
     *
     * @return the step, or empty when the escalation's state does not allow the command (acknowledging an
     *         acknowledged escalation); resolved and unknown escalations are not in {@code unresolved} at all
     */
    public Optional<EscalationStep> onCommand(EscalationState escalation, EscalationCommand command, Instant now) {
        if (EscalationCommand.ACKNOWLEDGE.equals(command.action())) {
            if (!SafetyEscalation.STATE_OPEN.equals(escalation.state())) {
                return Optional.empty();
            }
            EscalationState acknowledged = new EscalationState(escalation.escalationId(), escalation.tier(),
                    escalation.category(), SafetyEscalation.STATE_ACKNOWLEDGED, escalation.onCallLevel(), null,
                    escalation.scanEventId(), escalation.lastSignalAt());
            return Optional.of(new EscalationStep(SafetyEscalation.STEP_ACKNOWLEDGED, acknowledged, command.actorId(),
                    command.actorRole(), null, now));
        }
        if (EscalationCommand.RESOLVE.equals(command.action())) {
            EscalationState resolved = new EscalationState(escalation.escalationId(), escalation.tier(),
                    escalation.category(), SafetyEscalation.STATE_RESOLVED, escalation.onCallLevel(), null,
                    escalation.scanEventId(), escalation.lastSignalAt());
            return Optional.of(new EscalationStep(SafetyEscalation.STEP_RESOLVED, resolved, command.actorId(),
                    command.actorRole(), command.note(), now));
        }
        return Optional.empty();
    }

    /** The re-escalation of an open escalation whose deadline has passed, or empty when none is due. */
    public Optional<EscalationStep> onTick(EscalationState escalation, Instant now) {
        if (!SafetyEscalation.STATE_OPEN.equals(escalation.state()) || escalation.deadline() == null
                || now.isBefore(escalation.deadline())) {
            return Optional.empty();
        }
        int level = Math.min(escalation.onCallLevel() + 1, settings.maxOnCallLevel());
        EscalationState next = new EscalationState(escalation.escalationId(), escalation.tier(), escalation.category(),
                SafetyEscalation.STATE_OPEN, level, now.plus(settings.reEscalationInterval()), escalation.scanEventId(),
                escalation.lastSignalAt());
        return Optional.of(new EscalationStep(SafetyEscalation.STEP_RE_ESCALATED, next, null, null, null, now));
    }

    Duration ackDeadline(Tier tier) {
        return tier == Tier.IMMINENT ? settings.ackDeadline().imminent() : settings.ackDeadline().high();
    }
}
