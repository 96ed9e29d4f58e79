package org.tta.gateway.publish;

/** Why a publish call did not end in a write; the {@code reason} tag of the rejection metric. */
enum Rejection {
    /** The queue was full; shed at once, nothing written. */
    QUEUE_FULL("queue-full"),
    /** The circuit breaker was open; failed at once, nothing written. */
    CIRCUIT_OPEN("circuit-open"),
    /** No acknowledgement within the publish timeout; possibly written later (see the Idempotency-Key advice). */
    TIMEOUT("timeout"),
    /** Kafka failed the transaction; nothing of it is visible to {@code read_committed} readers. */
    WRITE_FAILED("write-failed"),
    /** A record could not be serialized or is invalid; its whole batch was aborted. */
    INVALID_RECORD("invalid-record"),
    /** The gateway is shutting down. */
    STOPPED("stopped");

    private final String tag;

    Rejection(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
