package org.tta.gateway.ratelimit;

import java.util.function.DoubleSupplier;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/**
 * The caller budgets: classify (role, open escalation) -> shed under Kafka pressure (lowest class
 * first, clinical never) -> take a token from the caller's bucket (per user, or per client for
 * services) for the route. Used by {@link CallerLimitFilter} for HTTP requests and by anything that
 * accepts the same work another way (a WebSocket {@code message} frame draws from the bucket of
 * {@code POST /api/v1/sessions/{id}/messages}), so both share one budget on every instance.
 * Never blocks.
 */
public final class CallerLimiter {

    private static final PathPattern SESSION_PATH = PathPatternParser.defaultInstance.parse("/api/v1/sessions/{sessionId}/**");
    private static final int MAX_SESSION_ID = 128;

    private final LimitPolicies policies;
    private final EscalationRegistry escalations;
    private final DoubleSupplier pressure;
    private final RateLimitProperties.Shedding shedding;
    private final BucketStore buckets;
    private final RateLimitMetrics metrics;
    private final SharedStateProperties keys;

    CallerLimiter(LimitPolicies policies, EscalationRegistry escalations, DoubleSupplier pressure,
                  RateLimitProperties.Shedding shedding, BucketStore buckets, RateLimitMetrics metrics,
                  SharedStateProperties keys) {
        this.policies = policies;
        this.escalations = escalations;
        this.pressure = pressure;
        this.shedding = shedding;
        this.buckets = buckets;
        this.metrics = metrics;
        this.keys = keys;
    }

    /** Takes one token for {@code method path} from the caller's bucket (counted in the metrics when refused). */
    public Mono<CallerLimit> check(String method, PathContainer path, Caller caller) {
        String sessionId = PriorityClassifier.escalationMatters(caller) ? sessionIdOf(path) : null;
        Mono<Boolean> escalated = sessionId == null ? Mono.just(false) : escalations.isOpen(sessionId);
        return escalated.flatMap(open -> {
            PriorityClass priority = PriorityClassifier.classify(caller, open);
            if (pressure.getAsDouble() >= shedding.threshold(priority)) {
                metrics.shed(priority);
                return Mono.just(CallerLimit.shed(priority, shedding.retryAfter()));
            }
            LimitPolicy policy = policies.forCaller(method, path, caller, priority);
            String dimension = caller.isService() ? LimitPolicies.CLIENT : LimitPolicies.USER;
            String key = keys.key("ratelimit", policy.scope(), priority.tag(), dimension, identity(caller));
            return buckets.consume(key, policy).map(decision -> {
                if (!decision.allowed()) {
                    metrics.limited(dimension, priority.tag());
                }
                return CallerLimit.of(decision);
            });
        });
    }

    /** The subject for people; the OAuth2 client for services (several may share a subject naming scheme). */
    private static String identity(Caller caller) {
        String id = caller.isService() && caller.clientId() != null ? caller.clientId() : caller.subject();
        return id == null ? "-" : id;
    }

    private static String sessionIdOf(PathContainer path) {
        PathPattern.PathMatchInfo match = SESSION_PATH.matchAndExtract(path);
        String id = match == null ? null : match.getUriVariables().get("sessionId");
        return id == null || id.isEmpty() || id.length() > MAX_SESSION_ID ? null : id;
    }
}
