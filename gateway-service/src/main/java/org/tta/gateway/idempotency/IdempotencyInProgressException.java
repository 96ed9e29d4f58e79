package org.tta.gateway.idempotency;

/** The first request with this key is still running and did not finish in time: 409 idempotency-in-progress. */
public final class IdempotencyInProgressException extends RuntimeException {

    public IdempotencyInProgressException() {
        super("A request with this Idempotency-Key is still being processed", null, false, false);
    }
}
