package org.tta.gateway.realtime.delivery.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.realtime.delivery.Delivery;
import org.tta.gateway.realtime.delivery.Position;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/**
 * The history cache in Redis (ADR 0012): a stream per session, written by every instance's fan-out
 * ({@link HistoryWriter}), read by a resume only when it proves complete.
 *
 * <p>A read after {@code since} is served when, read atomically: the partition's mark has
 * {@code v <= since} and {@code w >= liveFrom}, and the session's stream holds the entry at {@code since}
 * (which also proves the position is this session's). Then every record of the session after
 * {@code since} and below {@code w} is in the stream, and each record from {@code liveFrom} on reaches
 * the connection live. Entries at or above {@code w} are left out: they may follow a record still being
 * written, and they arrive live. A {@code since} older than {@code ttl} is left to Kafka, so that a position
 * past the topic's retention still answers resume-unavailable. Anything else is a miss (counted by reason)
 * and the resume seeks Kafka.
 */
final class RedisHistoryCache implements HistoryCache {

    /** Values per entry in the read script's answer: id, timestamp, event id, frame. */
    private static final int ENTRY = 4;

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final HistoryCacheProperties properties;
    private final int maxReplay;
    private final MeterRegistry meters;
    private final HistoryWriter writer;

    RedisHistoryCache(ReactiveStringRedisTemplate redis, SharedStateProperties keys, HistoryCacheProperties properties,
                      int maxReplay, MeterRegistry meters) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.maxReplay = maxReplay;
        this.meters = meters;
        this.writer = new HistoryWriter(redis, keys, properties, meters);
    }

    @Override
    public void consumed(Chunk chunk) {
        writer.offer(chunk);
    }

    @Override
    public Mono<Optional<List<Delivery>>> after(String sessionId, Position since, long liveFrom) {
        if (liveFrom < 0) {
            return miss("not-consumed"); // this instance's fan-out does not read that partition (yet)
        }
        // when the marks are behind what this instance fanned out and its own writes of that are still on their
        // way, wait (at most seam-wait) until they are confirmed, then read once more
        return read(sessionId, since)
                .flatMap(first -> behind(first, liveFrom) && writer.offered(since.partition()) >= liveFrom
                        ? writer.awaitConfirmed(since.partition(), liveFrom, properties.seamWait())
                                .then(read(sessionId, since))
                        : Mono.just(first))
                .flatMap(result -> evaluate(sessionId, result, since, liveFrom))
                .onErrorResume(e -> miss("error"));
    }

    private Mono<List<String>> read(String sessionId, Position since) {
        return redis.execute(HistoryScripts.READ, List.of(keys.key("hist", sessionId),
                                keys.key("hist-mark", Integer.toString(since.partition()))),
                        List.of(HistoryScripts.id(since), Integer.toString(maxReplay + 2)))
                .collectList()
                .map(HistoryScripts::strings);
    }

    private static boolean behind(List<String> result, long liveFrom) {
        return result.size() < 2 || Long.parseLong(result.get(1)) < liveFrom;
    }

    private Mono<Optional<List<Delivery>>> evaluate(String sessionId, List<String> result, Position since, long liveFrom) {
        if (result.size() < 2) {
            return miss("unmarked");
        }
        long v = Long.parseLong(result.get(0));
        long w = Long.parseLong(result.get(1));
        if (v > since.offset()) {
            return miss("unproven");
        }
        if (w < liveFrom) {
            return miss("behind");
        }
        if (result.size() < 2 + ENTRY || !result.get(2).equals(HistoryScripts.id(since))) {
            return miss("absent");
        }
        if (Long.parseLong(result.get(3)) < System.currentTimeMillis() - properties.ttl().toMillis()) {
            return miss("expired"); // older than a stream may live: Kafka decides, as it always did (retention)
        }
        int entries = (result.size() - 2) / ENTRY;
        if (entries >= maxReplay + 2) {
            return miss("too-many"); // Kafka decides (it answers resume-unavailable)
        }
        List<Delivery> events = new ArrayList<>(entries - 1);
        for (int i = 2 + ENTRY; i + ENTRY - 1 < result.size(); i += ENTRY) {
            Position position = HistoryScripts.position(result.get(i));
            if (position.offset() >= w) {
                break;
            }
            events.add(new Delivery(sessionId, position, result.get(i + 2), result.get(i + 3), Long.parseLong(result.get(i + 1))));
        }
        return Mono.just(Optional.of(events));
    }

    private Mono<Optional<List<Delivery>>> miss(String reason) {
        meters.counter("tta.gateway.realtime.history.cache.misses", "reason", reason).increment();
        return Mono.just(Optional.empty());
    }

    /** The position up to which this instance's writes of a partition are confirmed, or -1. */
    long confirmed(int partition) {
        return writer.confirmed(partition);
    }

    @PreDestroy
    void stop() {
        writer.stop();
    }
}
