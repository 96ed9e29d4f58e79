package org.tta.safety.escalation;

import java.time.Instant;

import org.tta.safety.classify.Tier;

/**
 * An unresolved escalation as the stream task holding its session keeps it.
 *
 * @param escalationId the id on every step of it
 * @param tier         high or imminent; only ever raised
 * @param category     wire name of the category of its strongest signal
 * @param state        {@code open} or {@code acknowledged}
 * @param onCallLevel  the on-call level paged, 0 first
 * @param deadline     when an open escalation re-escalates (or, on the review route, becomes a page); null once
 *                     acknowledged
 * @param scanEventId  the latest scan that signalled the crisis
 * @param lastSignalAt when the latest crisis signal of the episode was seen (the episode window runs from here)
 * @param route        page or review; a state stored before routes existed has none and is a page
 */
public record EscalationState(String escalationId, Tier tier, String category, String state, int onCallLevel,
        Instant deadline, String scanEventId, Instant lastSignalAt, Route route) {

    public EscalationState {
        route = route == null ? Route.PAGE : route;
    }

    /** This escalation with another state, deadline and on-call level; everything else kept. */
    EscalationState with(String newState, int newLevel, Instant newDeadline) {
        return new EscalationState(escalationId, tier, category, newState, newLevel, newDeadline, scanEventId,
                lastSignalAt, route);
    }
}
