package org.tta.gateway.redis;

/**
 * The shared-state store (Redis) did not answer, and the request cannot be served safely without
 * it: 503 shared-state-unavailable with Retry-After.
 */
public final class SharedStateUnavailableException extends RuntimeException {

    public SharedStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
