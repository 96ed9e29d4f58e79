package org.tta.gateway.realtime;

import reactor.core.publisher.Mono;

/**
 * The per-user connection limit ({@code max-connections-per-user}): WebSocket and SSE connections one
 * subject holds at once, counted across every instance where the shared state is in Redis. Never blocks.
 */
public interface ConnectionSlots {

    /** Takes the slot {@code slotId} for the subject; false (nothing taken) when they already hold {@code max}. */
    Mono<Boolean> reserve(String subject, String slotId, int max);

    /** Gives a slot back (once per successful reserve). */
    void release(String subject, String slotId);
}
