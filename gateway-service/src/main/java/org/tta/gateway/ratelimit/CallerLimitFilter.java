package org.tta.gateway.ratelimit;

import java.security.Principal;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tta.gateway.identity.Caller;
import reactor.core.publisher.Mono;

/**
 * Limits authenticated callers, after Spring Security has authenticated and authorized them, with the
 * {@link CallerLimiter}: 429 or 503 (shed), or pass on with the {@code RateLimit} headers. Requests
 * without a JWT pass (the IP budget covers them).
 */
final class CallerLimitFilter implements WebFilter, Ordered {

    /** After Spring Security's WebFilterChainProxy (-100), which puts the authentication in the exchange. */
    static final int ORDER = -50;

    private final LimitPolicies policies;
    private final CallerLimiter limiter;
    private final RateLimitResponses responses;

    CallerLimitFilter(LimitPolicies policies, CallerLimiter limiter, RateLimitResponses responses) {
        this.policies = policies;
        this.limiter = limiter;
        this.responses = responses;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (policies.isExempt(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        // Optional, so that an empty principal and a completed (empty) chain are not confused.
        return exchange.getPrincipal().map(Optional::<Principal>of).defaultIfEmpty(Optional.empty())
                .flatMap(principal -> principal.orElse(null) instanceof JwtAuthenticationToken token
                        ? limit(exchange, chain, Caller.of(token))
                        : chain.filter(exchange));
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
        ServerHttpRequest request = exchange.getRequest();
        return limiter.check(request.getMethod().name(), request.getPath().pathWithinApplication(), caller)
                .flatMap(limit -> {
                    if (limit.decision() != null) {
                        RateLimitHeaders.apply(exchange.getResponse().getHeaders(), limit.decision());
                    }
                    return limit.allowed() ? chain.filter(exchange) : responses.refused(exchange, limit);
                });
    }
}
