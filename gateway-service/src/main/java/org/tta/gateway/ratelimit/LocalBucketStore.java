package org.tta.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import reactor.core.publisher.Mono;

/**
 * Buckets in this JVM only: the whole limiter of the single-instance standalone run, and the
 * fallback of every instance while Redis is unreachable (then each instance enforces the budgets on
 * its own). Bounded in count and idle time; lock-free buckets, so nothing blocks.
 */
final class LocalBucketStore implements BucketStore {

    private final Cache<String, Bucket> buckets;

    LocalBucketStore(long maxBuckets, Duration idleExpiry) {
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(idleExpiry).build();
    }

    @Override
    public Mono<Decision> consume(String key, LimitPolicy policy) {
        return Mono.fromSupplier(() -> {
            Bucket bucket = buckets.get(key + "|" + policy.budget(), k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(policy.budget().capacity())
                            .refillGreedy(policy.budget().refill(), policy.budget().period()))
                    .build());
            return Decision.of(policy, bucket.tryConsumeAndReturnRemaining(1));
        });
    }

    long size() {
        return buckets.estimatedSize();
    }
}
