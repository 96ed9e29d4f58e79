package org.tta.gateway.idempotency;

import java.time.Duration;
import java.util.Map;

/**
 * The start-up check that a key's lease outlasts the slowest publish it guards: the caller waits up to the publish
 * timeout, and a committer that took the request may still append its records until the producer's
 * {@code delivery.timeout.ms} (after a send that waited up to {@code max.block.ms}) and commit within another
 * {@code max.block.ms}. A lookup after the lease reads what was appended before it began; a write appended later
 * would be missed and written again.
 */
final class LeaseBound {

    /** Kafka's defaults, when the producer sets neither. */
    private static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
    private static final long DEFAULT_MAX_BLOCK_MS = 60_000;

    private LeaseBound() {
    }

    static Duration of(Duration publishTimeout, Map<String, Object> producerConfig) {
        long delivery = millis(producerConfig.get("delivery.timeout.ms"), DEFAULT_DELIVERY_TIMEOUT_MS);
        long maxBlock = millis(producerConfig.get("max.block.ms"), DEFAULT_MAX_BLOCK_MS);
        return publishTimeout.plusMillis(delivery + 2 * maxBlock);
    }

    static void require(Duration lease, Duration publishTimeout, Map<String, Object> producerConfig) {
        Duration bound = of(publishTimeout, producerConfig);
        if (lease.compareTo(bound) <= 0) {
            throw new IllegalStateException("tta.gateway.idempotency.in-progress-ttl (" + lease + ") must be longer than "
                    + "tta.gateway.ingest.publish-timeout + the producer's delivery.timeout.ms + 2 x max.block.ms ("
                    + bound + "), or a retry could miss a write still on its way and run it twice");
        }
    }

    private static long millis(Object value, long fallback) {
        return value == null ? fallback : Long.parseLong(value.toString().strip());
    }
}
