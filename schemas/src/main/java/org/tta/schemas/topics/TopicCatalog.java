package org.tta.schemas.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topic catalog: names, keys, retention and owners of every topic, read from
 * {@value #RESOURCE}, the one place they are defined. Immutable and thread-safe.
 */
public final class TopicCatalog {

    /** The classpath resource of the standard catalog. */
    public static final String RESOURCE = "catalog/topics.json";

    private final Map<TopicId, TopicSpec> specs;

    private TopicCatalog(Map<TopicId, TopicSpec> specs) {
        this.specs = Collections.unmodifiableMap(new EnumMap<>(specs));
    }

    /** The catalog of {@value #RESOURCE}, loaded and checked once. */
    public static TopicCatalog standard() {
        return StandardHolder.INSTANCE;
    }

    /** Loads and checks a catalog from a classpath resource. */
    public static TopicCatalog fromResource(String resource) {
        try (InputStream in = TopicCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Topic catalog resource not found on the classpath: " + resource);
            }
            return fromJson(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read topic catalog " + resource, e);
        }
    }

    /** Loads and checks a catalog; {@code source} names it in error messages. */
    public static TopicCatalog fromJson(InputStream json, String source) {
        return new TopicCatalog(TopicCatalogReader.read(json, source));
    }

    public TopicSpec spec(TopicId id) {
        return specs.get(id);
    }

    public String name(TopicId id) {
        return specs.get(id).name();
    }

    /** Every topic, in {@link TopicId} order. */
    public List<TopicSpec> all() {
        return List.copyOf(specs.values());
    }

    /** The topic with this Kafka name, if the catalog has one. */
    public Optional<TopicSpec> byName(String name) {
        return specs.values().stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /**
     * The same catalog with every name prefixed, so that tests sharing a broker do not see each
     * other's records. {@code null} or {@code ""} returns this catalog.
     */
    public TopicCatalog withPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        List<TopicSpec> prefixed = new ArrayList<>();
        specs.values().forEach(spec -> prefixed.add(spec.withName(prefix + spec.name())));
        List<String> problems = new ArrayList<>();
        Map<TopicId, TopicSpec> checked = TopicCatalogReader.check(prefixed, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid topic prefix '" + prefix + "': " + String.join("; ", problems));
        }
        return new TopicCatalog(checked);
    }

    /** The topic-level Kafka configs: {@code cleanup.policy} and, when set, {@code retention.ms}. */
    public Map<String, String> topicConfigs(TopicId id) {
        TopicSpec spec = spec(id);
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().kafkaValue());
        if (spec.retention() != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        return Collections.unmodifiableMap(configs);
    }

    /** An admin-client topic definition carrying {@link #topicConfigs(TopicId)}. */
    public NewTopic newTopic(TopicId id, int partitions, short replicationFactor) {
        return new NewTopic(name(id), partitions, replicationFactor).configs(topicConfigs(id));
    }

    /** {@link #newTopic} for every topic of the catalog. */
    public List<NewTopic> newTopics(int partitions, short replicationFactor) {
        return specs.keySet().stream().map(id -> newTopic(id, partitions, replicationFactor)).toList();
    }

    @Override
    public String toString() {
        return "TopicCatalog" + specs.values().stream().map(TopicSpec::name).toList();
    }

    // Lazy holder: the resource is read on first use, exactly once, without locking afterwards.
    private static final class StandardHolder {
        private static final TopicCatalog INSTANCE = fromResource(RESOURCE);
    }
}
