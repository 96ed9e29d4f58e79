package org.tta.gateway.realtime.ticket;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** Where tickets wait for their one use. */
interface TicketStore {

    Mono<Void> put(String key, Ticket ticket, Duration ttl);

    /** The ticket, removed in the same step (a second take finds nothing); empty when unknown or expired. */
    Mono<Ticket> take(String key);
}
