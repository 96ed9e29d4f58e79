package org.tta.gateway.ratelimit;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Told of every failed authentication (no token, or a token that failed verification), so that an
 * address that keeps failing ends up on the block list. Never fails.
 */
public interface AuthFailureRecorder {

    /** Does nothing: for when rate limiting is switched off. */
    AuthFailureRecorder NONE = exchange -> Mono.empty();

    Mono<Void> authenticationFailed(ServerWebExchange exchange);
}
