package org.tta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Sessions with an open safety escalation, whose traffic is clinical. The gateway's escalation feed
 * ({@code org.tta.gateway.safety}) fills it from {@code tta.safety.escalations.v1} (in Redis: the set
 * {@code <prefix>escalation:open} of session ids); rate limiting reads it.
 */
public interface EscalationRegistry {

    /** Whether the session has an open escalation; emits false rather than failing. */
    Mono<Boolean> isOpen(String sessionId);

    /** Records that the session has an open (or acknowledged, not yet resolved) escalation; fails when it cannot. */
    Mono<Void> markOpen(String sessionId);

    /** Records that the session's escalation was resolved; fails when it cannot. */
    Mono<Void> markClosed(String sessionId);
}
