package org.tta.gateway.redis;

/**
 * The shared state store (Redis) did not answer in time or failed. Whatever depended on the answer
 * must fail closed: 503 {@code shared-state-unavailable}, never an unchecked pass.
 */
public final class SharedStateUnavailableException extends RuntimeException {

    public SharedStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
