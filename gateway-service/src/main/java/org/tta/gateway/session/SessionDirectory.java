package org.tta.gateway.session;

import reactor.core.publisher.Mono;

/**
 * Where sessions and their member sets live, shared by every gateway instance (Redis), or in this
 * JVM only for the standalone run. Every operation fails with
 * {@link org.tta.gateway.redis.SharedStateUnavailableException} when the store cannot answer; callers
 * must then refuse, never guess.
 */
public interface SessionDirectory {

    /** Stores a new session and its member set together; {@code false} when the id is already taken. */
    Mono<Boolean> create(Session session);

    /** The session, or empty when there is none with this id. */
    Mono<Session> find(String id);

    /**
     * Replaces the session and its member set together if the stored version is still
     * {@code current.version()} (compare-and-set); {@code false} when it is not, or the session is gone.
     */
    Mono<Boolean> replace(Session current, Session next);

    /** Whether the subject is a member; {@code false} for an unknown session. The hot path: one lookup. */
    Mono<Boolean> isMember(String sessionId, String subject);

    /** Removes the session and its member set. */
    Mono<Void> delete(String id);
}
