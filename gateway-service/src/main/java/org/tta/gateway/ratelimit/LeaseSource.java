package org.tta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** A shared bucket store that can hand out several tokens at once. Implementations never block. */
interface LeaseSource {

    /**
     * Takes as many tokens as the bucket {@code key} holds, up to {@code max} (creating it full if absent).
     * When it holds none, the grant carries the refusal with the time to wait for the next token.
     */
    Mono<Grant> take(String key, LimitPolicy policy, long max);
}
