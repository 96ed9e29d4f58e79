package org.tta.gateway.session;

import org.tta.gateway.identity.Caller;
import reactor.core.publisher.Mono;

/**
 * Decides whether a caller may take part in a session (post to it, read or stream it, join it over
 * WebSocket). Membership lives in Redis, shared by every gateway instance.
 */
public interface SessionAccess {

    /**
     * Completes empty when the caller is a participant of the session (or a service allowed to act
     * on it); otherwise fails with {@link SessionAccessDeniedException}, after the denial was
     * recorded on the audit topic.
     */
    Mono<Void> requireParticipant(String sessionId, Caller caller, String clientIp);
}
