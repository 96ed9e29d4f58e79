package org.tta.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.tta.gateway.proxy.route.CompositeSpec;
import org.tta.gateway.proxy.route.RouteSpec;

/**
 * The synchronous reverse proxy ({@code tta.gateway.proxy.*}): routes, composite routes, discovery,
 * circuit breakers and the response cache. Re-read without restart (see {@code route.RouteTable}).
 *
 * @param enabled          off: no route is served (the ingress alone)
 * @param routes           routes by name; each maps path prefixes to one backend service
 * @param composites       composite routes by name; each answers from several routes in parallel
 * @param routesFile       optional YAML file with more {@code tta.gateway.proxy.*} settings, re-read when it changes
 * @param reloadInterval   how often the routes file is checked for changes
 * @param maxResponseSize  largest backend response body relayed (declared larger: 502; crossed while streaming: the connection is cut)
 * @param breaker          circuit breaker settings, one breaker per backend service
 * @param discovery        self-registration of backend instances in Redis
 * @param cache            the Redis response cache and its Kafka invalidation
 */
@Validated
@ConfigurationProperties(ProxyProperties.PREFIX)
public record ProxyProperties(
        @DefaultValue("true") boolean enabled,
        Map<String, @Valid RouteSpec> routes,
        Map<String, @Valid CompositeSpec> composites,
        @DefaultValue("") @NotNull String routesFile,
        @DefaultValue("5s") @NotNull Duration reloadInterval,
        @DefaultValue("1MB") @NotNull DataSize maxResponseSize,
        @DefaultValue @Valid @NotNull Breaker breaker,
        @DefaultValue @Valid @NotNull Discovery discovery,
        @DefaultValue @Valid @NotNull Cache cache) {

    public static final String PREFIX = "tta.gateway.proxy";

    public ProxyProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        composites = composites == null ? Map.of() : Map.copyOf(composites);
        routes.forEach((name, route) -> route.check(name));
        java.util.Set<String> routeNames = routes.keySet();
        composites.forEach((name, composite) -> composite.check(name, routeNames));
    }

    /**
     * @param failureRateThreshold percentage of failed calls (errors, timeouts, 5xx) that opens the breaker
     * @param slidingWindowSize    number of recent calls the rate is computed over
     * @param minimumCalls         calls needed before the rate counts
     * @param openFor              how long an open breaker refuses calls before letting trial calls through
     * @param halfOpenCalls        trial calls in the half-open state
     */
    public record Breaker(
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
            @DefaultValue("20") @Min(1) @Max(1000) int slidingWindowSize,
            @DefaultValue("10") @Min(1) @Max(1000) int minimumCalls,
            @DefaultValue("10s") @NotNull Duration openFor,
            @DefaultValue("2") @Min(1) @Max(100) int halfOpenCalls) {
    }

    /**
     * @param enabled         off: static instances only
     * @param refreshInterval how often registrations are re-read from Redis
     * @param defaultTtl      TTL of a registration that names none
     * @param maxTtl          longest TTL a registration may ask for
     */
    public record Discovery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration refreshInterval,
            @DefaultValue("15s") @NotNull Duration defaultTtl,
            @DefaultValue("5m") @NotNull Duration maxTtl) {
    }

    /**
     * @param enabled            off: nothing is cached, even on cacheable routes
     * @param invalidationTopics catalog topics whose CloudEvents invalidate entries ({@code ce_ttaresource} header)
     */
    public record Cache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("SESSION_EVENTS") @NotNull List<String> invalidationTopics) {
    }
}
