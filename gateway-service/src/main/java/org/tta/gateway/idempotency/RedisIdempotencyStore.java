package org.tta.gateway.idempotency;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/**
 * Idempotency entries in Redis: {@code SET NX PX} to claim a key, and small scripts for the
 * compare-and-set (complete, take over) and compare-and-delete that plain commands cannot do atomically (a request must
 * never overwrite or delete an entry that another request's claim put there after its own expired).
 */
@Component
@ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
class RedisIdempotencyStore implements IdempotencyStore {

    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            local current = redis.call('GET', KEYS[1])
            if current == false or current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """, Long.class);

    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """, Long.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;

    RedisIdempotencyStore(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Boolean> claim(String key, String marker, Duration ttl) {
        return redis.opsForValue().setIfAbsent(key, marker, ttl);
    }

    @Override
    public Mono<String> get(String key) {
        return redis.opsForValue().get(key);
    }

    @Override
    public Mono<Boolean> complete(String key, String marker, String value, Duration ttl) {
        return redis.execute(COMPLETE, List.of(key), List.of(marker, value, Long.toString(ttl.toMillis())))
                .next().map(done -> done == 1L);
    }

    @Override
    public Mono<Boolean> replace(String key, String expected, String marker, Duration ttl) {
        return redis.execute(REPLACE, List.of(key), List.of(expected, marker, Long.toString(ttl.toMillis())))
                .next().map(done -> done == 1L);
    }

    @Override
    public Mono<Boolean> release(String key, String marker) {
        return redis.execute(RELEASE, List.of(key), List.of(marker)).next().map(deleted -> deleted == 1L);
    }
}
