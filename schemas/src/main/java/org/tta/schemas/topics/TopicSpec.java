package org.tta.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One topic of the catalog.
 *
 * @param id           stable identity used in code
 * @param name         the Kafka topic name
 * @param key          what the record key is
 * @param retention    how long records are kept; {@code null} for a compacted topic without time retention
 * @param cleanupPolicy delete or compact
 * @param writers      services that produce to the topic
 * @param readers      services (or people) that consume it
 * @param description  what the topic carries
 */
public record TopicSpec(TopicId id, String name, KeyKind key, Duration retention, CleanupPolicy cleanupPolicy,
        List<String> writers, List<String> readers, String description) {

    public TopicSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        writers = List.copyOf(writers);
        readers = List.copyOf(readers);
        description = description == null ? "" : description;
    }

    /** The same topic under another name (used for prefixed test catalogs). */
    public TopicSpec withName(String newName) {
        return new TopicSpec(id, newName, key, retention, cleanupPolicy, writers, readers, description);
    }
}
