package org.tta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Bucket4j token buckets in Redis (compare-and-swap through Lettuce's async API), shared by every instance. */
final class RedisBucketStore implements BucketStore {

    private final RateLimitRedis redis;
    private final BucketConfigurations configurations = new BucketConfigurations();

    RedisBucketStore(RateLimitRedis redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Decision> consume(String key, LimitPolicy policy) {
        return redis.session()
                .flatMap(session -> Mono.fromFuture(() -> session.buckets().builder()
                        .build(key, configurations.of(policy.budget()))
                        .tryConsumeAndReturnRemaining(1)))
                .map(probe -> Decision.of(policy, probe));
    }
}
