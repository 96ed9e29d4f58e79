package org.tta.gateway.publish;

/** Kafka did not acknowledge a write in time; the request must be answered 503, never 202. */
public final class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
