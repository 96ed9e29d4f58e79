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
 * @param deadline     when an open escalation re-escalates; null once acknowledged
 * @param scanEventId  the latest scan that signalled the crisis
 * @param lastSignalAt when the latest crisis signal of the episode was seen (the episode window runs from here)
 */
public record EscalationState(String escalationId, Tier tier, String category, String state, int onCallLevel,
        Instant deadline, String scanEventId, Instant lastSignalAt) {
}
