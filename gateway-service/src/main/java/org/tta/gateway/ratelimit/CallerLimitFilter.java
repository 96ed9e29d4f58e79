package org.tta.gateway.ratelimit;

import java.security.Principal;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/**
 * Limits authenticated callers, after Spring Security has authenticated and authorized them:
 * classify (role, open escalation) -> shed under Kafka pressure (lowest class first, clinical
 * never) -> take a token from the caller's bucket (per user, or per client for services) -> 429 or
 * pass on with the {@code RateLimit} headers. Requests without a JWT pass (the IP budget covers them).
 */
final class CallerLimitFilter implements WebFilter, Ordered {

    /** After Spring Security's WebFilterChainProxy (-100), which puts the authentication in the exchange. */
    static final int ORDER = -50;
    private static final PathPattern SESSION_PATH = PathPatternParser.defaultInstance.parse("/api/v1/sessions/{sessionId}/**");
    private static final int MAX_SESSION_ID = 128;

    private final LimitPolicies policies;
    private final EscalationRegistry escalations;
    private final DoubleSupplier pressure;
    private final RateLimitProperties.Shedding shedding;
    private final BucketStore buckets;
    private final RateLimitResponses responses;
    private final RateLimitMetrics metrics;
    private final SharedStateProperties keys;

    CallerLimitFilter(LimitPolicies policies, EscalationRegistry escalations, DoubleSupplier pressure,
                      RateLimitProperties.Shedding shedding, BucketStore buckets, RateLimitResponses responses,
                      RateLimitMetrics metrics, SharedStateProperties keys) {
        this.policies = policies;
        this.escalations = escalations;
        this.pressure = pressure;
        this.shedding = shedding;
        this.buckets = buckets;
        this.responses = responses;
        this.metrics = metrics;
        this.keys = keys;
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
        String sessionId = PriorityClassifier.escalationMatters(caller) ? sessionIdOf(exchange.getRequest()) : null;
        Mono<Boolean> escalated = sessionId == null ? Mono.just(false) : escalations.isOpen(sessionId);
        return escalated.flatMap(open -> {
            PriorityClass priority = PriorityClassifier.classify(caller, open);
            if (pressure.getAsDouble() >= shedding.threshold(priority)) {
                metrics.shed(priority);
                return responses.shed(exchange, priority);
            }
            LimitPolicy policy = policies.forCaller(exchange.getRequest(), caller, priority);
            String dimension = caller.isService() ? LimitPolicies.CLIENT : LimitPolicies.USER;
            String key = keys.key("ratelimit", policy.scope(), priority.tag(), dimension, identity(caller));
            return buckets.consume(key, policy).flatMap(decision -> {
                RateLimitHeaders.apply(exchange.getResponse().getHeaders(), decision);
                if (decision.allowed()) {
                    return chain.filter(exchange);
                }
                metrics.limited(dimension, priority.tag());
                return responses.limited(exchange, decision);
            });
        });
    }

    /** The subject for people; the OAuth2 client for services (several may share a subject naming scheme). */
    private static String identity(Caller caller) {
        String id = caller.isService() && caller.clientId() != null ? caller.clientId() : caller.subject();
        return id == null ? "-" : id;
    }

    private static String sessionIdOf(ServerHttpRequest request) {
        PathPattern.PathMatchInfo match = SESSION_PATH.matchAndExtract(request.getPath().pathWithinApplication());
        String id = match == null ? null : match.getUriVariables().get("sessionId");
        return id == null || id.isEmpty() || id.length() > MAX_SESSION_ID ? null : id;
    }
}
