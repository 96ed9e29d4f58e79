package org.tta.gateway.realtime.presence;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.tta.gateway.realtime.Connection;
import org.tta.gateway.realtime.Presence;
import org.tta.gateway.realtime.PresenceMember;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
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
 */
final class RedisPresence implements Presence {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final SessionHub hub;
    private final Duration ttl;
    private final PresenceBroadcaster broadcaster;
    private final JsonMapper json = TtaJson.mapper();
    private final String channel;
    private final Disposable listener;
    private final Disposable sweeper;

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
                () -> Flux.fromIterable(hub.sessions()).concatMap(this::sweep).then());
    }

    @Override
    public void joined(Connection connection) {
        String key = key(connection.sessionId());
        redis.opsForZSet().add(key, member(connection), expiry())
                .then(redis.expire(key, ttl.multipliedBy(2)))
                .then(refresh(connection.sessionId(), connection))
                .then(announce(connection.sessionId()))
                .subscribe(null, e -> log.warn("Could not record presence in session {}: {}", connection.sessionId(), e.toString()));
    }

    @Override
    public void left(Connection connection) {
        redis.opsForZSet().remove(key(connection.sessionId()), member(connection))
                .then(announce(connection.sessionId()))
                .subscribe(null, e -> log.warn("Could not record leaving session {}: {}", connection.sessionId(), e.toString()));
    }

    /** Refreshes this instance's connections of the session and drops expired entries; announces a drop. */
    private Mono<Void> sweep(String sessionId) {
        String key = key(sessionId);
        return Flux.fromIterable(hub.connectionsOf(sessionId))
                .concatMap(connection -> redis.opsForZSet().add(key, member(connection), expiry()))
                .then(redis.expire(key, ttl.multipliedBy(2)))
                .then(redis.opsForZSet().removeRangeByScore(key, Range.closed(0.0, (double) System.currentTimeMillis())))
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

    @PreDestroy
    void stop() {
        listener.dispose();
        sweeper.dispose();
    }
}
