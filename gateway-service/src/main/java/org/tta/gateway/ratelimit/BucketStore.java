package org.tta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Token buckets by key. Implementations never block the calling thread. */
interface BucketStore {

    /** Takes one token from the bucket {@code key}, creating it full with the policy's budget if absent. */
    Mono<Decision> consume(String key, LimitPolicy policy);
}
