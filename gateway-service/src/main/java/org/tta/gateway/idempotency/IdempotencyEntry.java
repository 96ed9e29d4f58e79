package org.tta.gateway.idempotency;

import tools.jackson.databind.JsonNode;

/**
 * What the store keeps under a key, as JSON.
 *
 * @param state       {@link #IN_PROGRESS} while a request holds the key, then {@link #COMPLETED}
 * @param fingerprint the request fingerprint (Base64), to tell a retry from a reuse of the key
 * @param owner       a random id of the request that holds the key, so that its marker is unique
 * @param response    the completed result, or null while in progress
 * @param since       epoch milliseconds when the first attempt with this key began: every record any attempt
 *                    wrote is younger, so a lookup in Kafka starts there (null in a completed entry)
 * @param leaseUntil  epoch milliseconds when the owner's lease ends; after it, a retry may take the key over and
 *                    look for the owner's outcome in Kafka (null in a completed entry)
 */
record IdempotencyEntry(String state, String fingerprint, String owner, JsonNode response, Long since, Long leaseUntil) {

    static final String IN_PROGRESS = "in-progress";
    static final String COMPLETED = "completed";

    static IdempotencyEntry inProgress(String fingerprint, String owner, long since, long leaseUntil) {
        return new IdempotencyEntry(IN_PROGRESS, fingerprint, owner, null, since, leaseUntil);
    }

    static IdempotencyEntry completed(String fingerprint, JsonNode response) {
        return new IdempotencyEntry(COMPLETED, fingerprint, null, response, null, null);
    }

    boolean isCompleted() {
        return COMPLETED.equals(state) && response != null;
    }

    /** An in-progress marker whose owner's lease ended at or before {@code nowMillis}. */
    boolean leaseExpired(long nowMillis) {
        return !isCompleted() && since != null && leaseUntil != null && leaseUntil <= nowMillis;
    }

    /** The same marker with its lease ended at {@code nowMillis}: the next retry looks up the outcome at once. */
    IdempotencyEntry withLeaseEndedAt(long nowMillis) {
        return new IdempotencyEntry(state, fingerprint, owner, response, since, Math.min(nowMillis, leaseUntil));
    }
}
