package org.tta.gateway.publish;

/**
 * The publish queue is full: Kafka is not keeping up with the offered load. The request was shed
 * at once, before anything was written; answered 503 with {@code Retry-After} like any other
 * {@link BrokerUnavailableException}.
 */
public final class PublishOverloadedException extends BrokerUnavailableException {

    public PublishOverloadedException(String circuitBreakerState) {
        super("The publish queue is full", null, circuitBreakerState);
    }
}
