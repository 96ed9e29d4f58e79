package org.tta.gateway.proxy.forward;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.tta.gateway.proxy.ProxyProperties;

/**
 * One Resilience4j circuit breaker per backend service ({@code proxy-<service>}). Errors, timeouts and
 * 5xx answers count as failures; 4xx answers are the backend working. The settings in force when a
 * breaker is first used apply to it (a reload changes breakers of services not seen yet).
 */
public final class Breakers {

    private final CircuitBreakerRegistry registry;
    private final Map<String, CircuitBreaker> byService = new ConcurrentHashMap<>();
    private final Duration openFor;

    public Breakers(ProxyProperties.Breaker settings, MeterRegistry meters) {
        this.openFor = settings.openFor();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    public CircuitBreaker of(String service) {
        return byService.computeIfAbsent(service, s -> registry.circuitBreaker("proxy-" + s));
    }

    /** The state of a service's breaker, or {@code CLOSED} when it was never used. */
    public String state(String service) {
        CircuitBreaker breaker = byService.get(service);
        return breaker == null ? CircuitBreaker.State.CLOSED.name() : breaker.getState().name();
    }

    public Duration openFor() {
        return openFor;
    }
}
