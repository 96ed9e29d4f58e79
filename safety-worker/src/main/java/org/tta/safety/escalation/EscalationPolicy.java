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
 *
 * <p>Routes: an escalation opens on the route of its first signal ({@link Route#REVIEW} for the statistical signal
 * alone, {@link Route#PAGE} otherwise). A review escalation becomes a page, at on-call level 0 with the tier's
 * deadline, when its review deadline passes while it is open ({@code re_escalated}) or when a page signal arrives in
 * its episode ({@code updated}, also when a reviewer had acknowledged it: the rules saw a crisis, the on-call
 * clinicians must hear of it). A page never becomes a review.
 */
public final class EscalationPolicy {

    private final SafetyProperties.Escalation settings;

    public EscalationPolicy(SafetyProperties.Escalation settings) {
        this.settings = settings;
    }

    /** Opens a new escalation or updates the episode's one for a crisis signal of {@code tier} on {@code route}. */
    public EscalationStep onCrisis(List<EscalationState> unresolved, Tier tier, String category, Route route,
            String scanEventId, Instant now) {
        Optional<EscalationState> episode = unresolved.stream()
                .filter(e -> !e.lastSignalAt().plus(settings.episodeWindow()).isBefore(now))
                .max(Comparator.comparing(EscalationState::lastSignalAt));
        if (episode.isEmpty()) {
            EscalationState opened = new EscalationState(EventIds.newId(), tier, category, SafetyEscalation.STATE_OPEN, 0,
                    now.plus(deadline(route, tier)), scanEventId, now, route);
            return new EscalationStep(SafetyEscalation.STEP_OPENED, opened, null, null, null, now);
        }
        EscalationState current = episode.get();
        if (current.route() == Route.REVIEW && route == Route.PAGE) {
            return upgrade(current, tier, category, scanEventId, now);
        }
        boolean higher = tier.compareTo(current.tier()) > 0;
        Instant deadline = current.deadline();
        if (higher && deadline != null) {
            deadline = sooner(deadline, now.plus(deadline(current.route(), tier)));
        }
        EscalationState updated = new EscalationState(current.escalationId(), higher ? tier : current.tier(),
                higher ? category : current.category(), current.state(), current.onCallLevel(), deadline, scanEventId, now,
                current.route());
        return new EscalationStep(SafetyEscalation.STEP_UPDATED, updated, null, null, null, now);
    }

    /** A page signal in a review escalation's episode: it becomes a page now, open, at on-call level 0. */
    private EscalationStep upgrade(EscalationState review, Tier tier, String category, String scanEventId, Instant now) {
        Tier paged = tier.compareTo(review.tier()) >= 0 ? tier : review.tier();
        Instant deadline = now.plus(ackDeadline(paged));
        if (SafetyEscalation.STATE_OPEN.equals(review.state()) && review.deadline() != null) {
            deadline = sooner(review.deadline(), deadline);
        }
        // The rules' category: they read who is at risk and what kind of crisis better than the signal does.
        EscalationState page = new EscalationState(review.escalationId(), paged, category, SafetyEscalation.STATE_OPEN,
                0, deadline, scanEventId, now, Route.PAGE);
        return new EscalationStep(SafetyEscalation.STEP_UPDATED, page, null, null, null, now, Route.REVIEW);
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
            EscalationState acknowledged = escalation.with(SafetyEscalation.STATE_ACKNOWLEDGED, escalation.onCallLevel(),
                    null);
            return Optional.of(new EscalationStep(SafetyEscalation.STEP_ACKNOWLEDGED, acknowledged, command.actorId(),
                    command.actorRole(), null, now));
        }
        if (EscalationCommand.RESOLVE.equals(command.action())) {
            EscalationState resolved = escalation.with(SafetyEscalation.STATE_RESOLVED, escalation.onCallLevel(), null);
            return Optional.of(new EscalationStep(SafetyEscalation.STEP_RESOLVED, resolved, command.actorId(),
                    command.actorRole(), command.note(), now));
        }
        return Optional.empty();
    }

    /**
     * The step due for an open escalation whose deadline has passed, or empty when none is due: a review becomes a
     * page at on-call level 0 with the tier's deadline; a page re-escalates to the next on-call level.
     */
    public Optional<EscalationStep> onTick(EscalationState escalation, Instant now) {
        if (!SafetyEscalation.STATE_OPEN.equals(escalation.state()) || escalation.deadline() == null
                || now.isBefore(escalation.deadline())) {
            return Optional.empty();
        }
        if (escalation.route() == Route.REVIEW) {
            EscalationState page = new EscalationState(escalation.escalationId(), escalation.tier(),
                    escalation.category(), SafetyEscalation.STATE_OPEN, 0, now.plus(ackDeadline(escalation.tier())),
                    escalation.scanEventId(), escalation.lastSignalAt(), Route.PAGE);
            return Optional.of(new EscalationStep(SafetyEscalation.STEP_RE_ESCALATED, page, null, null, null, now,
                    Route.REVIEW));
        }
        int level = Math.min(escalation.onCallLevel() + 1, settings.maxOnCallLevel());
        EscalationState next = escalation.with(SafetyEscalation.STATE_OPEN, level, now.plus(settings.reEscalationInterval()));
        return Optional.of(new EscalationStep(SafetyEscalation.STEP_RE_ESCALATED, next, null, null, null, now));
    }

    Duration deadline(Route route, Tier tier) {
        return route == Route.REVIEW ? settings.ackDeadline().review() : ackDeadline(tier);
    }

    Duration ackDeadline(Tier tier) {
        return tier == Tier.IMMINENT ? settings.ackDeadline().imminent() : settings.ackDeadline().high();
    }

    private static Instant sooner(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }
}
