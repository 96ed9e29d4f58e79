package org.tta.gateway.idempotency;

/** The key was first used for a request with another body: 422 idempotency-key-reused. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("The Idempotency-Key was already used for a different request", null, false, false);
    }
}
