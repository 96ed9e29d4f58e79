package org.tta.gateway.realtime.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.tta.gateway.realtime.ConnectionSlots;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.redis.InFlightWrites;
import org.tta.gateway.redis.PeriodicRefresh;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.web.TracedLog;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The connection limit across instances: a Redis sorted set {@code rt-slots:<subject>} per subject,
 * member = slot, score = when it expires. A reservation drops expired slots and adds one only while
 * fewer than {@code max} remain, in one script (atomic). Each instance refreshes its own slots every
 * third of {@code presence-ttl}, so the slots of an instance that died expire with its presence.
 *
 * <p>The per-instance count is kept as well; while Redis cannot be reached it alone decides, so the
 * gateway keeps serving (with a limit per instance) and says so in a warning.
 *
 * <p>At shutdown, after the web server stopped and before Redis closes, it gives back every slot it still
 * holds and waits for the give-backs under way: a client told to reconnect elsewhere is not refused by
 * its own dead slots.
 */
final class RedisConnectionSlots implements ConnectionSlots, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisConnectionSlots.class);
    private static final RedisScript<Long> RESERVE = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """, Long.class);
    /**
     * One subject's refresh in one round trip: its slots held here (ARGV[3..]) expire at ARGV[1], the set lives
     * ARGV[2] ms. It was two commands per slot, all in sequence (6,000 round trips per round for 3,000 sockets).
     */
    private static final RedisScript<Long> REFRESH = RedisScript.of("""
            for i = 3, #ARGV do redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return #ARGV - 2
            """, Long.class);
    /** Subjects refreshed at once (pipelined on the shared connection) in a round. */
    private static final int REFRESH_CONCURRENCY = 16;

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final SessionHub hub;
    private final Duration ttl;
    /** This instance's slots in Redis (slot -> subject), for the refresh; as many as open connections. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final Disposable refresher;
    private final InFlightWrites writes = new InFlightWrites(log);
    private volatile boolean running;

    RedisConnectionSlots(ReactiveStringRedisTemplate redis, SharedStateProperties keys, SessionHub hub, Duration ttl) {
        this.redis = redis;
        this.keys = keys;
        this.hub = hub;
        this.ttl = ttl;
        this.refresher = PeriodicRefresh.every(ttl.dividedBy(3), Schedulers.parallel(), log, "Connection slots",
                () -> Flux.fromIterable(bySubject(held).entrySet())
                        .flatMap(subject -> refresh(subject.getKey(), subject.getValue()), REFRESH_CONCURRENCY)
                        .then());
    }

    @Override
    public Mono<Boolean> reserve(String subject, String slotId, int max) {
        if (!hub.reserve(subject, max)) {
            return Mono.just(false);
        }
        long now = System.currentTimeMillis();
        List<String> args = List.of(Long.toString(now), Integer.toString(max), Long.toString(now + ttl.toMillis()),
                slotId, Long.toString(ttl.multipliedBy(2).toMillis()));
        return redis.execute(RESERVE, List.of(key(subject)), args).next()
                .map(taken -> taken == 1)
                .doOnNext(taken -> {
                    if (taken) {
                        held.put(slotId, subject);
                    }
                })
                .onErrorResume(e -> TracedLog.line(() -> log.warn(
                        "Connection limit counted on this instance only, Redis is unavailable: {}", e.getClass().getName()))
                        .thenReturn(true))
                .doOnNext(taken -> {
                    if (!taken) {
                        hub.release(subject);
                    }
                });
    }

    @Override
    public void release(String subject, String slotId) {
        hub.release(subject);
        if (held.remove(slotId) != null) {
            writes.run(redis.opsForZSet().remove(key(subject), slotId), "Could not give back a connection slot (it expires): {}");
        }
    }

    /** This instance's slots grouped by subject (a snapshot: slots taken or given back meanwhile are next round's). */
    private static Map<String, List<String>> bySubject(Map<String, String> held) {
        Map<String, List<String>> subjects = new HashMap<>();
        held.forEach((slotId, subject) -> subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(slotId));
        return subjects;
    }

    private Mono<Long> refresh(String subject, List<String> slotIds) {
        List<String> args = new ArrayList<>(slotIds.size() + 2);
        args.add(Long.toString(System.currentTimeMillis() + ttl.toMillis()));
        args.add(Long.toString(ttl.multipliedBy(2).toMillis()));
        args.addAll(slotIds);
        return redis.execute(REFRESH, List.of(key(subject)), args).next();
    }

    private String key(String subject) {
        return keys.key("rt-slots", subject);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Blocks for at most {@link InFlightWrites#DRAIN}: the shutdown thread, never an event loop. */
    @Override
    public void stop() {
        running = false;
        refresher.dispose();
        Map<String, String> still = Map.copyOf(held);
        held.clear();
        still.forEach((slotId, subject) -> writes.run(redis.opsForZSet().remove(key(subject), slotId),
                "Could not give back a connection slot at shutdown (it expires): {}"));
        if (!writes.drain(InFlightWrites.DRAIN)) {
            log.warn("Connection slots not given back at shutdown, they expire within presence-ttl: pending={}", writes.pending());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return InFlightWrites.SHUTDOWN_PHASE;
    }
}
