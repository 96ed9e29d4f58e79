package org.tta.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * The block list shared by every instance: one Redis sorted set of addresses scored by the epoch
 * millisecond their block ends. Each instance keeps the status it read for a second or so (a flood
 * asks Redis once per address and second, not per request) and its own blocks locally as well, so
 * they hold through a Redis outage. Lookups fail open: an unreachable Redis blocks nobody new.
 */
final class RedisBlockList implements BlockList {

    private static final Duration COUNT_REFRESH = Duration.ofSeconds(10);

    private final RateLimitRedis redis;
    private final RedisOutage outage;
    private final String key;
    private final Duration duration;
    private final Duration timeout;
    private final InMemoryBlockList own;
    private final AsyncCache<String, Long> blockedUntil;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong nextCount = new AtomicLong(System.nanoTime());

    RedisBlockList(RateLimitRedis redis, RedisOutage outage, String key, Duration duration, Duration cacheTtl,
                   Duration timeout) {
        this.redis = redis;
        this.outage = outage;
        this.key = key;
        this.duration = duration;
        this.timeout = timeout;
        this.own = new InMemoryBlockList(duration);
        this.blockedUntil = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).buildAsync();
    }

    @Override
    public Mono<Boolean> isBlocked(String address) {
        return own.isBlocked(address).flatMap(blockedHere -> blockedHere ? Mono.just(true)
                : Mono.fromFuture(blockedUntil.get(address, (a, executor) -> readUntil(a).toFuture()), true)
                        .map(until -> until > System.currentTimeMillis()));
    }

    private Mono<Long> readUntil(String address) {
        if (outage.isDown()) {
            return Mono.just(0L);
        }
        return redis.session()
                .flatMap(s -> Mono.fromCompletionStage(s.commands().zscore(key, bytes(address))))
                .map(Double::longValue)
                .timeout(timeout)
                .defaultIfEmpty(0L)
                .onErrorResume(error -> {
                    outage.failed(error);
                    return Mono.just(0L);
                });
    }

    @Override
    public Mono<Boolean> block(String address) {
        long until = System.currentTimeMillis() + duration.toMillis();
        blockedUntil.synchronous().put(address, until);
        return own.block(address).flatMap(newHere -> share(address, until).map(newThere -> newHere && newThere)
                .defaultIfEmpty(newHere));
    }

    /** Adds the address to the shared set; emits whether it was not there before (empty when Redis failed). */
    private Mono<Boolean> share(String address, long until) {
        if (outage.isDown()) {
            return Mono.empty();
        }
        long now = System.currentTimeMillis();
        return redis.session()
                .flatMap(s -> Mono.fromCompletionStage(s.commands().zremrangebyscore(key, Double.NEGATIVE_INFINITY, now))
                        .then(Mono.fromCompletionStage(s.commands().zadd(key, (double) until, bytes(address))))
                        .flatMap(added -> Mono.fromCompletionStage(s.commands().pexpire(key, duration.toMillis()))
                                .thenReturn(added > 0)))
                .timeout(timeout)
                .doOnNext(ignored -> refreshCount(true))
                .onErrorResume(error -> {
                    outage.failed(error);
                    return Mono.empty();
                });
    }

    @Override
    public long blockedCount() {
        refreshCount(false);
        return Math.max(count.get(), own.blockedCount());
    }

    /** Re-reads the shared count in the background, at most every ten seconds unless forced. */
    private void refreshCount(boolean force) {
        long now = System.nanoTime();
        long due = nextCount.get();
        if (outage.isDown() || (!force && now - due < 0) || !nextCount.compareAndSet(due, now + COUNT_REFRESH.toNanos())) {
            return;
        }
        redis.session()
                .flatMap(s -> Mono.fromCompletionStage(s.commands().zcount(key, System.currentTimeMillis(), Double.POSITIVE_INFINITY)))
                .timeout(timeout)
                .subscribe(count::set, error -> { });
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
