package org.tta.gateway.idempotency;

/**
 * An earlier attempt with this key may have written its result to Kafka and that could not be decided now (Kafka
 * unreachable, the lookup timed out or was shed): 503 idempotency-outcome-unknown with {@code Retry-After}. Nothing
 * was written; a retry with the same key looks again.
 */
public final class IdempotencyOutcomeUnknownException extends RuntimeException {

    public IdempotencyOutcomeUnknownException() {
        super("Whether an earlier request with this Idempotency-Key was written could not be decided", null, false, false);
    }
}
