package org.tta.gateway.publish;

/**
 * A publish that failed although Kafka may still commit it: the caller stopped waiting (publish timeout) after its
 * records were handed to a committer, or the commit itself failed with an unknown outcome. Answered 503 like any
 * {@link BrokerUnavailableException}; unlike the others it does not prove that nothing was written, so an
 * Idempotency-Key guard must not let a retry run the write again without first looking for it in Kafka.
 */
public final class PublishOutcomeUnknownException extends BrokerUnavailableException {

    public PublishOutcomeUnknownException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public PublishOutcomeUnknownException(String message, Throwable cause, String circuitBreakerState) {
        super(message, cause, circuitBreakerState);
    }
}
