package org.tta.gateway.publish;

/**
 * Kafka did not acknowledge a write in time, or the publisher refused it to protect itself; the
 * request must be answered 503, never 202. Carries the publish circuit breaker's state at the
 * time of the failure (e.g. {@code closed}, {@code open}), or {@code null} when unknown.
 */
public class BrokerUnavailableException extends RuntimeException {

    private final String circuitBreakerState;

    public BrokerUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public BrokerUnavailableException(String message, Throwable cause, String circuitBreakerState) {
        super(message, cause);
        this.circuitBreakerState = circuitBreakerState;
    }

    /** The circuit breaker's state in lower case ({@code closed}, {@code open}, {@code half_open}), or null. */
    public String circuitBreakerState() {
        return circuitBreakerState;
    }
}
