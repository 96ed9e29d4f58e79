package org.tta.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * The Redis set of sessions with an open escalation. Reads keeping each answer for a short time so
 * that a busy session costs one lookup per instance and interval. Fails closed to "no escalation"
 * (the ordinary budget then applies), never to an error.
 */
final class RedisEscalationRegistry implements EscalationRegistry {

    private final RateLimitRedis redis;
    private final RedisOutage outage;
    private final String key;
    private final Duration timeout;
    private final AsyncCache<String, Boolean> cache;

    RedisEscalationRegistry(RateLimitRedis redis, RedisOutage outage, String key, Duration cacheTtl, Duration timeout) {
        this.redis = redis;
        this.outage = outage;
        this.key = key;
        this.timeout = timeout;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).buildAsync();
    }

    @Override
    public Mono<Boolean> isOpen(String sessionId) {
        return Mono.fromFuture(cache.get(sessionId, (id, executor) -> lookup(id).toFuture()), true);
    }

    @Override
    public Mono<Void> markOpen(String sessionId) {
        return write(sessionId, true);
    }

    @Override
    public Mono<Void> markClosed(String sessionId) {
        return write(sessionId, false);
    }

    /** SADD or SREM, then forget this instance's cached answer; errors reach the caller, which retries. */
    private Mono<Void> write(String sessionId, boolean open) {
        byte[] member = sessionId.getBytes(StandardCharsets.UTF_8);
        return redis.session()
                .flatMap(s -> Mono.fromCompletionStage(open ? s.commands().sadd(key, member) : s.commands().srem(key, member)))
                .timeout(timeout)
                .doOnSuccess(changed -> cache.synchronous().invalidate(sessionId))
                .then();
    }

    private Mono<Boolean> lookup(String sessionId) {
        if (outage.isDown()) {
            return Mono.just(false);
        }
        return redis.session()
                .flatMap(s -> Mono.fromCompletionStage(s.commands().sismember(key, sessionId.getBytes(StandardCharsets.UTF_8))))
                .timeout(timeout)
                .defaultIfEmpty(false)
                .onErrorResume(error -> {
                    outage.failed(error);
                    return Mono.just(false);
                });
    }
}
