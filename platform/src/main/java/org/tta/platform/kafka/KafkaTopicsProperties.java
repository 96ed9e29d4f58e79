package org.tta.platform.kafka;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service names and creates the catalog topics.
 *
 * @param topicPrefix       prepended to every catalog topic name (tests use it for isolation)
 * @param createTopics      create missing catalog topics at start-up (off where topics are managed, e.g. Strimzi)
 * @param partitions        partitions of topics created here (production: 12 or more)
 * @param replicationFactor replication factor of topics created here (production: 3)
 * @param minInsyncReplicas {@code min.insync.replicas} of topics created here (production: 2)
 */
@Validated
@ConfigurationProperties("tta.kafka")
public record KafkaTopicsProperties(
        @DefaultValue("") @NotNull @Pattern(regexp = "[A-Za-z0-9._-]*") String topicPrefix,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("3") @Min(1) @Max(1000) int partitions,
        @DefaultValue("1") @Min(1) @Max(7) short replicationFactor,
        @DefaultValue("1") @Min(1) @Max(7) int minInsyncReplicas) {

    public KafkaTopicsProperties {
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("tta.kafka.min-insync-replicas must not exceed tta.kafka.replication-factor");
        }
    }
}
