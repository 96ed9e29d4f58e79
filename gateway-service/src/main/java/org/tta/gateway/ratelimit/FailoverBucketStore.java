package org.tta.gateway.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Redis buckets shared by every instance, with the local limiter deciding whenever Redis fails or
 * is slower than the timeout (fail open, but still limited per instance). Never errors.
 */
final class FailoverBucketStore implements BucketStore {

    private final BucketStore shared;
    private final BucketStore local;
    private final RedisOutage outage;
    private final Duration timeout;

    FailoverBucketStore(BucketStore shared, BucketStore local, RedisOutage outage, Duration timeout) {
        this.shared = shared;
        this.local = local;
        this.outage = outage;
        this.timeout = timeout;
    }

    @Override
    public Mono<Decision> consume(String key, LimitPolicy policy) {
        if (!outage.shouldTry()) {
            return fallback(key, policy);
        }
        return Mono.defer(() -> shared.consume(key, policy))
                .timeout(timeout)
                .doOnNext(decision -> outage.succeeded())
                .onErrorResume(error -> {
                    outage.failed(error);
                    return fallback(key, policy);
                });
    }

    private Mono<Decision> fallback(String key, LimitPolicy policy) {
        outage.fellBack();
        return local.consume(key, policy);
    }
}
