package org.tta.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.BucketConfiguration;

/** Bucket4j configurations per budget; the set of budgets is fixed by configuration, so this stays small. */
final class BucketConfigurations {

    private final Map<Budget, BucketConfiguration> cache = new ConcurrentHashMap<>();

    BucketConfiguration of(Budget budget) {
        return cache.computeIfAbsent(budget, b -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(b.capacity()).refillGreedy(b.refill(), b.period()))
                .build());
    }
}
