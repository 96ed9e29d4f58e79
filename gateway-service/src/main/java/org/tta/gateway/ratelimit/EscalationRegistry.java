package org.tta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Sessions with an open safety escalation, whose traffic is clinical. The safety path fills it
 * (in Redis: the set {@code <prefix>escalation:open} of session ids); rate limiting only reads it.
 */
public interface EscalationRegistry {

    /** Whether the session has an open escalation; emits false rather than failing. */
    Mono<Boolean> isOpen(String sessionId);
}
