package org.tta.gateway.realtime.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.tta.gateway.realtime.Connection;
import org.tta.gateway.realtime.Presence;
import org.tta.gateway.realtime.PresenceMember;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.redis.InFlightWrites;
import org.tta.gateway.redis.PeriodicRefresh;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.schemas.json.TtaJson;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Presence across instances in Redis. Each connection is a member of the sorted set
 * {@code presence:<session>} scored by when it expires; every instance refreshes its own connections'
 * scores every third of {@code presence-ttl}, so the entries of a connection whose instance died (no
 * close frame, no leave) expire, and the next sweep of any instance holding the session removes them.
 * Every change is announced on the channel {@code presence}; each instance then re-reads the set and
 * tells its local connections who joined and who left.
 *
 * <p>At shutdown (after the web server stopped, before the Redis connection factory closes) it removes
 * the entries of every connection this instance still holds in one round, and waits for the leaves
 * already under way, so the other instances announce the leave at once instead of after
 * {@code presence-ttl}.
 */
final class RedisPresence implements Presence, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
    /**
     * One session's sweep in one round trip: refresh this instance's members (ARGV[4..]) to expire at ARGV[2],
     * keep the set for ARGV[3] ms, drop every entry expired by ARGV[1]; returns how many were dropped. It was
     * one command per connection plus two per session, all in sequence: 5,000 round trips per round for
     * 1,000 sessions of 3 sockets.
     */
    private static final RedisScript<Long> SWEEP = RedisScript.of("""
            for i = 4, #ARGV do redis.call('ZADD', KEYS[1], ARGV[2], ARGV[i]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return redis.call('ZREMRANGEBYSCORE', KEYS[1], '0', ARGV[1])
            """, Long.class);
    /** Sessions swept at once (pipelined on the shared connection) in a round. */
    private static final int SWEEP_CONCURRENCY = 16;

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final SessionHub hub;
    private final Duration ttl;
    private final PresenceBroadcaster broadcaster;
    private final JsonMapper json = TtaJson.mapper();
    private final String channel;
    private final Disposable listener;
    private final Disposable sweeper;
    private final InFlightWrites writes = new InFlightWrites(log);
    private volatile boolean running;

    RedisPresence(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections,
                  SharedStateProperties keys, SessionHub hub, RealtimeProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.hub = hub;
        this.ttl = properties.presenceTtl();
        this.broadcaster = new PresenceBroadcaster(hub);
        this.channel = keys.key("presence-changes");
        // The subscription connects off the start-up thread and reconnects with back-off, so the gateway
        // starts and serves while Redis is down (presence is then local until Redis returns).
        this.listener = Flux.using(() -> new ReactiveRedisMessageListenerContainer(connections),
                        container -> container.receive(ChannelTopic.of(channel)),
                        ReactiveRedisMessageListenerContainer::destroy)
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .flatMap(message -> refresh(message.getMessage(), null).onErrorResume(e -> Mono.empty()))
                .subscribe();
        this.sweeper = PeriodicRefresh.every(ttl.dividedBy(3), Schedulers.parallel(), log, "Presence entries",
                () -> Flux.fromIterable(hub.sessions()).flatMap(this::sweep, SWEEP_CONCURRENCY).then());
    }

    @Override
    public void joined(Connection connection) {
        String key = key(connection.sessionId());
        writes.run(redis.opsForZSet().add(key, member(connection), expiry())
                .then(redis.expire(key, ttl.multipliedBy(2)))
                .then(refresh(connection.sessionId(), connection))
                .then(announce(connection.sessionId())), "Could not record presence in session {}: {}",
                connection.sessionId());
    }

    @Override
    public void left(Connection connection) {
        writes.run(redis.opsForZSet().remove(key(connection.sessionId()), member(connection))
                .then(announce(connection.sessionId())), "Could not record leaving session {}: {}",
                connection.sessionId());
    }

    /** Removes the entries of the given connections, one command and one announcement per session. */
    Mono<Void> leaveAll(List<Connection> connections) {
        Map<String, List<Connection>> bySession = connections.stream().collect(Collectors.groupingBy(Connection::sessionId));
        return Flux.fromIterable(bySession.entrySet())
                .flatMap(session -> redis.opsForZSet()
                        .remove(key(session.getKey()), session.getValue().stream().map(this::member).toArray())
                        .then(announce(session.getKey())), 16)
                .then();
    }

    /** Refreshes this instance's connections of the session and drops expired entries; announces a drop. */
    private Mono<Void> sweep(String sessionId) {
        List<String> args = new ArrayList<>();
        long now = System.currentTimeMillis();
        args.add(Long.toString(now));
        args.add(Long.toString(now + ttl.toMillis()));
        args.add(Long.toString(ttl.multipliedBy(2).toMillis()));
        hub.connectionsOf(sessionId).forEach(connection -> args.add(member(connection)));
        return redis.execute(SWEEP, List.of(key(sessionId)), args).next()
                .flatMap(removed -> removed > 0 ? announce(sessionId) : Mono.empty());
    }

    private Mono<Void> refresh(String sessionId, Connection newcomer) {
        if (hub.connectionsOf(sessionId).isEmpty()) {
            return Mono.empty();
        }
        return redis.opsForZSet()
                .rangeByScore(key(sessionId), Range.rightUnbounded(Range.Bound.inclusive((double) System.currentTimeMillis())),
                        Limit.unlimited())
                .map(this::parse)
                .collect(TreeSet<PresenceMember>::new, Set::add)
                .doOnNext(members -> broadcaster.publish(sessionId, members, newcomer))
                .then();
    }

    private Mono<Void> announce(String sessionId) {
        return redis.convertAndSend(channel, sessionId).then();
    }

    private String key(String sessionId) {
        return keys.key("presence", sessionId);
    }

    private double expiry() {
        return System.currentTimeMillis() + ttl.toMillis();
    }

    private String member(Connection connection) {
        return json.writeValueAsString(new Entry(connection.id(), connection.subject(), connection.role()));
    }

    private PresenceMember parse(String member) {
        JsonNode node = json.readTree(member);
        return new PresenceMember(node.path("s").asString(), node.path("r").asString());
    }

    private record Entry(String c, String s, String r) {
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Runs after the web server stopped (so no connection joins any more) and before the Redis connection
     * factory stops (phase 0). Blocks for at most {@link InFlightWrites#DRAIN}: the shutdown thread, never an event loop.
     */
    @Override
    public void stop() {
        running = false;
        sweeper.dispose();
        List<Connection> still = hub.all();
        if (!still.isEmpty()) {
            writes.run(leaveAll(still), "Could not record the leaves at shutdown: {}");
        }
        if (!writes.drain(InFlightWrites.DRAIN)) {
            log.warn("Presence leaves not confirmed at shutdown, they expire within presence-ttl: pending={}", writes.pending());
        }
        listener.dispose();
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
