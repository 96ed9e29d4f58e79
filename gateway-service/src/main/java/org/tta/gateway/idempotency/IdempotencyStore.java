package org.tta.gateway.idempotency;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where idempotency entries live: Redis, shared by every gateway instance, or memory for the
 * standalone run. Values are opaque strings; every operation is atomic on its key. Any failure
 * of the store itself surfaces as an error of the returned {@code Mono}.
 */
interface IdempotencyStore {

    /** Stores {@code marker} unless the key exists; true when it was stored. */
    Mono<Boolean> claim(String key, String marker, Duration ttl);

    /** The value, or empty when the key does not exist. */
    Mono<String> get(String key);

    /** Replaces {@code marker} with {@code value}, unless another request's entry has taken the key since. */
    Mono<Boolean> complete(String key, String marker, String value, Duration ttl);

    /**
     * Replaces {@code expected} with {@code marker} only if the key still holds exactly {@code expected}
     * (compare-and-set): how a retry takes over a key whose owner's lease expired, so that of two
     * retries only one proceeds.
     */
    Mono<Boolean> replace(String key, String expected, String marker, Duration ttl);

    /** Removes the key if it still holds {@code marker}, so that a retry may run the action again. */
    Mono<Boolean> release(String key, String marker);
}
