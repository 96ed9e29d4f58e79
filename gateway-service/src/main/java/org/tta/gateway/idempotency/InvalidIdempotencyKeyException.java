package org.tta.gateway.idempotency;

/** The {@code Idempotency-Key} header is not 1..255 printable ASCII characters: 400. */
public final class InvalidIdempotencyKeyException extends RuntimeException {

    public InvalidIdempotencyKeyException() {
        super("The Idempotency-Key header must be 1 to 255 printable ASCII characters", null, false, false);
    }
}
