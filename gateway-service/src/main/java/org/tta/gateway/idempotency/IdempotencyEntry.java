package org.tta.gateway.idempotency;

import tools.jackson.databind.JsonNode;

/**
 * What the store keeps under a key, as JSON.
 *
 * @param state       {@link #IN_PROGRESS} while the first request runs, then {@link #COMPLETED}
 * @param fingerprint the request fingerprint (Base64), to tell a retry from a reuse of the key
 * @param owner       a random id of the request that claimed the key, so that its marker is unique
 * @param response    the completed result, or null while in progress
 */
record IdempotencyEntry(String state, String fingerprint, String owner, JsonNode response) {

    static final String IN_PROGRESS = "in-progress";
    static final String COMPLETED = "completed";

    static IdempotencyEntry inProgress(String fingerprint, String owner) {
        return new IdempotencyEntry(IN_PROGRESS, fingerprint, owner, null);
    }

    static IdempotencyEntry completed(String fingerprint, JsonNode response) {
        return new IdempotencyEntry(COMPLETED, fingerprint, null, response);
    }

    boolean isCompleted() {
        return COMPLETED.equals(state) && response != null;
    }
}
