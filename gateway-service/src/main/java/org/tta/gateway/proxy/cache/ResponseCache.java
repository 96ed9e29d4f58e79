package org.tta.gateway.proxy.cache;

import java.time.Duration;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cached GET answers in Redis with the tags that invalidate them. Each entry expires with its TTL;
 * the tag set lives as long as its longest entry. Readers treat a Redis failure as a miss (the
 * backend answers), so the cache never makes the proxy less available.
 */
public final class ResponseCache {

    private final ReactiveStringRedisTemplate redis;
    private final CacheKeys keys;
    private final JsonMapper json;

    public ResponseCache(ReactiveStringRedisTemplate redis, CacheKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    public CacheKeys keys() {
        return keys;
    }

    public Mono<CachedResponse> get(String key) {
        return redis.opsForValue().get(key).map(value -> json.readValue(value, CachedResponse.class))
                .onErrorResume(e -> Mono.empty());
    }

    public Mono<Void> put(String key, String resource, CachedResponse response, Duration ttl) {
        String tag = keys.tag(resource);
        return redis.opsForValue().set(key, json.writeValueAsString(response), ttl)
                .then(redis.opsForSet().add(tag, key))
                .then(redis.getExpire(tag))
                .flatMap(left -> left.isNegative() || left.compareTo(ttl) < 0 ? redis.expire(tag, ttl) : Mono.just(true))
                .onErrorResume(e -> Mono.just(false))
                .then();
    }

    /** Deletes every entry that depends on the resource, and its tag; answers how many entries went. */
    public Mono<Long> invalidate(String resource) {
        String tag = keys.tag(resource);
        return redis.opsForSet().members(tag).collectList()
                .flatMap(members -> {
                    String[] all = new String[members.size() + 1];
                    members.toArray(all);
                    all[members.size()] = tag;
                    return redis.delete(all).map(deleted -> Math.max(0, deleted - 1));
                });
    }
}
