package org.tta.gateway.session;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.schemas.json.TtaJson;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SessionDirectory} in Redis: the session document as JSON under {@code key("session", id)} and
 * the member subjects in the SET {@code key("session", id, "members")}, so that the membership check is
 * one SISMEMBER. Creating and replacing write both keys in one Lua script: two separate commands could
 * leave a document whose member set says something else, and WATCH/MULTI would need a connection of
 * its own, which the shared reactive connection does not give. Keys never expire: a session ends by
 * being deleted, not by time, so that no member is locked out by a TTL in the middle of therapy.
 */
@Component
@ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
class RedisSessionDirectory implements SessionDirectory {

    /** KEYS: document, members. ARGV: document JSON, subjects... Returns 1 when created, 0 when the id is taken. */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
            redis.call('DEL', KEYS[2])
            redis.call('SADD', KEYS[2], unpack(ARGV, 2))
            return 1
            """, Long.class);

    /** KEYS: document, members. ARGV: expected version, new document JSON, subjects... Returns 1 when replaced. */
    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            local current = redis.call('GET', KEYS[1])
            if not current then return 0 end
            if cjson.decode(current)['version'] ~= tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[2])
            redis.call('DEL', KEYS[2])
            redis.call('SADD', KEYS[2], unpack(ARGV, 3))
            return 1
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final SessionProperties properties;
    private final JsonMapper json = TtaJson.mapper();

    RedisSessionDirectory(ReactiveStringRedisTemplate redis, SharedStateProperties keys, SessionProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public Mono<Boolean> create(Session session) {
        if (!storable(session.id())) {
            return Mono.error(new IllegalArgumentException("A session id must not contain ':'"));
        }
        List<String> args = new ArrayList<>();
        args.add(json.writeValueAsString(session));
        args.addAll(session.memberSubjects());
        return guard(redis.execute(CREATE, List.of(documentKey(session.id()), membersKey(session.id())), args).next())
                .map(created -> created == 1L);
    }

    @Override
    public Mono<Session> find(String id) {
        if (!storable(id)) {
            return Mono.empty();
        }
        return guard(redis.opsForValue().get(documentKey(id)).map(document -> json.readValue(document, Session.class)));
    }

    @Override
    public Mono<Boolean> replace(Session current, Session next) {
        if (!storable(current.id()) || !current.id().equals(next.id())) {
            return Mono.just(false);
        }
        List<String> args = new ArrayList<>();
        args.add(Long.toString(current.version()));
        args.add(json.writeValueAsString(next));
        args.addAll(next.memberSubjects());
        return guard(redis.execute(REPLACE, List.of(documentKey(current.id()), membersKey(current.id())), args).next())
                .map(replaced -> replaced == 1L);
    }

    @Override
    public Mono<Boolean> isMember(String sessionId, String subject) {
        if (!storable(sessionId)) {
            return Mono.just(false);
        }
        return guard(redis.opsForSet().isMember(membersKey(sessionId), subject));
    }

    @Override
    public Mono<Void> delete(String id) {
        if (!storable(id)) {
            return Mono.empty();
        }
        return guard(redis.delete(documentKey(id), membersKey(id))).then();
    }

    private String documentKey(String id) {
        return keys.key("session", id);
    }

    private String membersKey(String id) {
        return keys.key("session", id, "members");
    }

    // With a ':' the document key of session "a:members" would be the member set of session "a".
    // The gateway's own ids (UUIDs) never contain one, so such an id simply names no session.
    private static boolean storable(String id) {
        return id != null && id.indexOf(':') < 0;
    }

    /** Bounds the wait and turns every store failure into the one exception callers refuse on. */
    private <T> Mono<T> guard(Mono<T> call) {
        return call.timeout(properties.storeTimeout())
                .onErrorMap(error -> !(error instanceof SharedStateUnavailableException),
                        error -> new SharedStateUnavailableException("The session store did not answer", error));
    }
}
