package org.tta.gateway.publish;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/** The circuit breaker around publishing, with its state and calls exported as {@code resilience4j.circuitbreaker.*}. */
public final class PublishCircuitBreaker {

    /** The breaker's name, the {@code name} tag of its metrics. */
    public static final String NAME = "kafka-publish";

    private PublishCircuitBreaker() {
    }

    public static CircuitBreaker create(PublishProperties.Breaker settings, MeterRegistry meters) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpen())
                // Without it the breaker would stay open until the next call, and the load shedder that
                // reads PublishPressure could keep every call away: a deadlock.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // Only Kafka's own failures count; a full queue is load, not a Kafka fault, and a
                // record that cannot be serialized is a bug.
                .recordException(error -> error instanceof BrokerUnavailableException)
                .ignoreExceptions(PublishOverloadedException.class)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker(NAME);
    }
}
