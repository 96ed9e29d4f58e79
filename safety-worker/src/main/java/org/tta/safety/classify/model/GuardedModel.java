package org.tta.safety.classify.model;

import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The external model behind a circuit breaker, with every call counted in {@code tta.safety.model.calls{outcome}}
 * ({@code success}, {@code timeout}, {@code error}, {@code rejected} while the breaker is open). Slow calls (at the
 * timeout) count as failures. Thread-safe; never throws.
 */
public final class GuardedModel {

    private final ModerationModel model;
    private final CircuitBreaker breaker;
    private final Counter success;
    private final Counter timeout;
    private final Counter error;
    private final Counter rejected;

    public GuardedModel(ModerationModel model, ModelProperties properties, MeterRegistry meters) {
        this.model = model;
        ModelProperties.Breaker b = properties.breaker();
        this.breaker = CircuitBreaker.of("tta-safety-model", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindowSize())
                .minimumNumberOfCalls(b.minimumCalls())
                .failureRateThreshold(b.failureRateThreshold())
                .slowCallRateThreshold(b.failureRateThreshold())
                .slowCallDurationThreshold(properties.timeout())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                .build());
        this.success = counter(meters, "success");
        this.timeout = counter(meters, "timeout");
        this.error = counter(meters, "error");
        this.rejected = counter(meters, "rejected");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("tta.safety.model.calls")
                .description("Calls to the external moderation model, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** The model's answer, or empty when it failed, was late or the breaker is open. */
    public Optional<ModelAnswer> moderate(String text) {
        try {
            ModelAnswer answer = breaker.executeSupplier(() -> model.moderate(text));
            success.increment();
            return Optional.of(answer);
        } catch (CallNotPermittedException e) {
            rejected.increment();
        } catch (ModelCallException e) {
            (e.timeout() ? timeout : error).increment();
        } catch (RuntimeException e) {
            error.increment();
        }
        return Optional.empty();
    }

    /** The breaker's state, for tests and health. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
