package org.tta.schemas.topics;

import java.util.Locale;

/** Kafka's {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    DELETE,
    COMPACT;

    /** The value Kafka expects in {@code cleanup.policy}. */
    public String kafkaValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CleanupPolicy fromKafkaValue(String value) {
        for (CleanupPolicy policy : values()) {
            if (policy.kafkaValue().equals(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown cleanup policy '" + value + "' (expected delete or compact)");
    }
}
