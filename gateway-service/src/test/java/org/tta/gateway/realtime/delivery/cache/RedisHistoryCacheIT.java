package org.tta.gateway.realtime.delivery.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.realtime.delivery.Delivery;
import org.tta.gateway.realtime.delivery.Position;
import org.tta.gateway.realtime.delivery.cache.HistoryCache.Chunk;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The cache's proofs against a real Redis, with writers driven by hand: the interleavings of instances
 * that the gateway tests cannot force (a lagging writer, a write that failed, Redis losing everything,
 * the resume seam). Partition 0; "S" is the session under test, "T" another one on the same partition.
 */
@TtaIntegrationTest
class RedisHistoryCacheIT {

    private static final Duration AWAIT = Duration.ofSeconds(30);

    private static LettuceConnectionFactory connections;
    private static ReactiveStringRedisTemplate redis;
    private static String namespacePrefix;

    private final List<RedisHistoryCache> caches = new ArrayList<>();
    private SharedStateProperties keys;

    @BeforeAll
    static void connect(TestInfrastructure infrastructure, TestNamespace namespace) {
        connections = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(infrastructure.redisUri()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        namespacePrefix = namespace.redisKeyPrefix();
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @AfterEach
    void stopWriters() {
        caches.forEach(RedisHistoryCache::stop);
    }

    /** A writer (one gateway instance's cache); all of one test share its keys. */
    private RedisHistoryCache instance(TestInfo test, SimpleMeterRegistry meters) {
        keys = new SharedStateProperties(SharedStateProperties.Store.REDIS,
                namespacePrefix + test.getTestMethod().orElseThrow().getName() + ":");
        RedisHistoryCache cache = new RedisHistoryCache(redis, keys,
                new HistoryCacheProperties(true, 500, Duration.ofMinutes(10), 1000, 256, Duration.ofSeconds(5)), 1000, meters);
        caches.add(cache);
        return cache;
    }

    private RedisHistoryCache instance(TestInfo test) {
        return instance(test, new SimpleMeterRegistry());
    }

    private static Delivery event(String session, long offset) {
        return new Delivery(session, new Position(0, offset), "e-" + offset, "{\"type\":\"event\",\"position\":\"0-" + offset + "\"}",
                System.currentTimeMillis());
    }

    /** Hands the writer [from, to) of partition 0 with S's events at the given offsets, and waits until it is written. */
    private static void write(RedisHistoryCache cache, long from, long to, long... sessionOffsets) {
        cache.consumed(chunk(from, to, sessionOffsets));
        Awaitility.await().atMost(AWAIT).until(() -> cache.confirmed(0) >= to);
    }

    private static Chunk chunk(long from, long to, long... sessionOffsets) {
        return new Chunk(0, from, to, Arrays.stream(sessionOffsets).mapToObj(offset -> event("S", offset)).toList());
    }

    private static Optional<List<Long>> after(RedisHistoryCache cache, long since, long liveFrom) {
        return cache.after("S", new Position(0, since), liveFrom).block(AWAIT)
                .map(events -> events.stream().map(e -> e.position().offset()).toList());
    }

    @Test
    void servesOnlyWhatCoversEverythingTheInstanceFannedOutBeforeTheConnectionRegistered(TestInfo test) {
        RedisHistoryCache cache = instance(test);
        write(cache, 0, 3, 0, 1, 2);
        assertThat(after(cache, 0, 3)).contains(List.of(1L, 2L));

        // the fan-out dispatched 3..5 (3 and 5 are S's) before the connection registered, but their chunk
        // is not with the writer yet: the cache cannot prove it has them
        assertThat(after(cache, 0, 6)).isEmpty();

        // once the writer has them (written, or still on their way: the resume waits for them), they are served
        cache.consumed(new Chunk(0, 3, 6, List.of(event("S", 3), event("T", 4), event("S", 5))));
        assertThat(after(cache, 0, 6)).contains(List.of(1L, 2L, 3L, 5L));
        // nor is the record at since served again, and a position that is not S's is not in S's stream
        assertThat(after(cache, 5, 6)).contains(List.of());
        assertThat(after(cache, 4, 6)).isEmpty();
    }

    @Test
    void cutsTheHoleALaggingWriterFindsInAStreamThatWasCreatedAgain(TestInfo test) {
        RedisHistoryCache fast = instance(test);
        RedisHistoryCache slow = instance(test);
        write(fast, 0, 3, 0, 1, 2);
        redis.delete(keys.key("hist", "S")).block(); // expired or evicted
        write(slow, 0, 1, 0);      // the lagging instance re-creates the stream with 0
        write(fast, 3, 4, 3);      // the other one appends 3: [0, 3], and 1 and 2 are missing
        assertThat(after(fast, 0, 4)).isPresent(); // (what the marks alone would allow)
        write(slow, 1, 4, 1, 2, 3); // 1 is below the stream's last entry and not in it: a hole, cut out

        assertThat(after(fast, 0, 4)).isEmpty();
        assertThat(after(fast, 3, 4)).contains(List.of());
        assertThat(redis.opsForStream().size(keys.key("hist", "S")).block()).isEqualTo(1);
    }

    @Test
    void seeksPastAWriteThatFailedEvenWhenRedisRecoversUnchanged(TestInfo test) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisHistoryCache cache = instance(test, meters);
        write(cache, 0, 2, 0, 1);
        String mark = keys.key("hist-mark", "0");
        Map<Object, Object> saved = redis.opsForHash().entries(mark).collectMap(Map.Entry::getKey, Map.Entry::getValue).block();

        redis.opsForValue().set(mark, "not a hash").block();
        cache.consumed(chunk(2, 3, 2)); // fails before appending anything
        Awaitility.await().atMost(AWAIT).until(() -> meters.counter("tta.gateway.realtime.history.cache.writes", "outcome", "failed").count() > 0);
        redis.delete(mark).then(redis.opsForHash().putAll(mark, saved)).block();
        write(cache, 3, 4, 3);

        assertThat(redis.opsForStream().size(keys.key("hist", "S")).block()).isEqualTo(3); // 0, 1, 3
        assertThat(after(cache, 0, 4)).isEmpty();
        assertThat(after(cache, 1, 4)).isEmpty();
        assertThat(after(cache, 3, 4)).contains(List.of());
    }

    @Test
    void provesNothingAcrossRedisLosingEverything(TestInfo test) {
        RedisHistoryCache fast = instance(test);
        RedisHistoryCache slow = instance(test);
        write(fast, 0, 4, 0, 1, 2, 3);
        write(slow, 0, 2, 0, 1);
        redis.delete(keys.key("hist", "S"), keys.key("hist-mark", "0")).block(); // a restart: Redis keeps nothing

        write(slow, 2, 3, 2);  // slow appends 2 (and marks [2, 3)); 3 was written before the loss, by fast only
        write(fast, 4, 5, 4);  // fast appends 4: the stream is [2, 4]
        assertThat(redis.opsForStream().size(keys.key("hist", "S")).block()).isEqualTo(2);

        assertThat(after(fast, 2, 5)).isEmpty();
        assertThat(after(slow, 2, 5)).isEmpty();
        assertThat(after(fast, 4, 5)).contains(List.of());
    }
}
