package org.tta.gateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/**
 * {@link SessionDirectory} in this JVM, for the standalone run only (one instance; nothing survives a
 * restart). Bounded in size, and a session idle for {@code in-memory-idle-expiry} is forgotten.
 */
@Component
@ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "in-memory")
class InMemorySessionDirectory implements SessionDirectory {

    private final Cache<String, Session> sessions;

    InMemorySessionDirectory(SessionProperties properties) {
        this.sessions = Caffeine.newBuilder()
                .maximumSize(properties.inMemoryMaxSessions())
                .expireAfterAccess(properties.inMemoryIdleExpiry())
                .build();
    }

    @Override
    public Mono<Boolean> create(Session session) {
        return Mono.fromSupplier(() -> sessions.asMap().putIfAbsent(session.id(), session) == null);
    }

    @Override
    public Mono<Session> find(String id) {
        return Mono.fromSupplier(() -> sessions.getIfPresent(id));
    }

    @Override
    public Mono<Boolean> replace(Session current, Session next) {
        return Mono.fromSupplier(() -> sessions.asMap().computeIfPresent(current.id(),
                (id, stored) -> stored.version() == current.version() ? next : stored) == next);
    }

    @Override
    public Mono<Boolean> isMember(String sessionId, String subject) {
        return find(sessionId).map(session -> session.isMember(subject)).defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> delete(String id) {
        return Mono.fromRunnable(() -> sessions.invalidate(id));
    }

    /** Runs pending evictions now, for tests of the bound. */
    void cleanUp() {
        sessions.cleanUp();
    }

    long size() {
        return sessions.estimatedSize();
    }
}
