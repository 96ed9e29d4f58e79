package org.tta.gateway.idempotency;

/**
 * A record a keyed action writes: its topic, its key (which decides its partition) and its index within the
 * action's {@code publishAll} call (the index in its {@code tta-idempotency} header).
 */
public record ExpectedRecord(String topic, String key, int index) {
}
