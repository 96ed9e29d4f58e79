package org.tta.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bucket4j token buckets in Redis (compare-and-swap through Lettuce's async API), shared by every
 * instance. Each hot key keeps one bucket proxy with Bucket4j's batching optimization, so that
 * concurrent requests for one key on this instance share one compare-and-swap round instead of
 * retrying against each other: without it one busy key (a flooding address, a busy service) managed
 * about 130 decisions/s at 256 in flight; with it, thousands.
 */
final class RedisBucketStore implements BucketStore, LeaseSource {

    private final RateLimitRedis redis;
    private final BucketConfigurations configurations = new BucketConfigurations();
    private final Cache<String, AsyncBucketProxy> proxies;
    private volatile RateLimitRedis.Session proxiesSession;

    RedisBucketStore(RateLimitRedis redis, long maxProxies) {
        this.redis = redis;
        this.proxies = Caffeine.newBuilder().maximumSize(maxProxies).expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    @Override
    public Mono<Decision> consume(String key, LimitPolicy policy) {
        return redis.session()
                .flatMap(session -> Mono.fromFuture(() -> proxy(session, key, policy).tryConsumeAndReturnRemaining(1)))
                .map(probe -> Decision.of(policy, probe))
                // Bucket4j completes on Lettuce's I/O thread; the rest of the request must not run there.
                .publishOn(Schedulers.parallel());
    }

    @Override
    public Mono<Grant> take(String key, LimitPolicy policy, long max) {
        return redis.session()
                .flatMap(session -> {
                    AsyncBucketProxy bucket = proxy(session, key, policy);
                    return Mono.fromFuture(() -> bucket.asVerbose().tryConsumeAsMuchAsPossible(max))
                            .flatMap(taken -> taken.getValue() > 0
                                    ? Mono.just(Grant.of(taken.getValue(), taken.getDiagnostics().getAvailableTokens(),
                                            taken.getDiagnostics().calculateFullRefillingTime()))
                                    // Empty: ask again for one token, whose probe says how long to wait (rare: refusals only).
                                    : Mono.fromFuture(() -> bucket.tryConsumeAndReturnRemaining(1))
                                            .map(probe -> Grant.of(policy, probe)));
                })
                .publishOn(Schedulers.parallel());
    }

    private AsyncBucketProxy proxy(RateLimitRedis.Session session, String key, LimitPolicy policy) {
        if (proxiesSession != session) {
            // Proxies belong to the connection they were built on; a new connection starts afresh.
            proxies.invalidateAll();
            proxiesSession = session;
        }
        return proxies.get(key + "|" + policy.budget(), k -> session.buckets().builder()
                .withOptimization(Optimizations.batching())
                .build(key, configurations.of(policy.budget())));
    }
}
