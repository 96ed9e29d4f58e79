package org.tta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Client addresses refused for a while after abuse. Implementations never block the calling thread. */
interface BlockList {

    /** Whether the address is blocked now; emits false rather than failing. */
    Mono<Boolean> isBlocked(String address);

    /** Blocks the address for the configured duration; emits true if it was not blocked before. */
    Mono<Boolean> block(String address);

    /** Addresses blocked now, possibly a few seconds stale (for the gauge). */
    long blockedCount();
}
