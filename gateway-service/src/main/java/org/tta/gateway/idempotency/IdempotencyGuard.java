package org.tta.gateway.idempotency;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} semantics (IETF httpapi draft): the first request with a key runs the
 * action and stores its result; a retry with the same key and the same body gets the stored
 * result and runs nothing; the same key with another body is refused (422). Keys are scoped to
 * the caller and expire after a TTL.
 *
 * <p>Guarantee (ADR 0013): within the TTL, an action whose Kafka write committed is never run again
 * for a retry with the same key, even when the instance that ran it died before storing its result or
 * answered 503 after a publish timeout: the retry finds the write in Kafka (through {@code locator})
 * and answers with its result, or, when that cannot be decided, 503 {@code idempotency-outcome-unknown}.
 */
public interface IdempotencyGuard {

    /**
     * @param scope       who owns the key (e.g. the caller's subject and the route)
     * @param key         the {@code Idempotency-Key} header, or null when the client sent none
     * @param fingerprint a digest of the request body (and anything else that makes it "the same request")
     * @param type        the result type, stored as JSON
     * @param action      the work to do once; the records it publishes carry the {@code tta-idempotency} header
     * @param locator     where the action's records land and how its answer is rebuilt from them
     */
    <T> Mono<T> execute(String scope, String key, byte[] fingerprint, Class<T> type, Supplier<Mono<T>> action,
                        WriteLocator<T> locator);
}
