package org.tta.gateway.proxy.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * Deletes the cache entries that depend on a resource when a CloudEvent on one of the invalidation
 * topics names it in the {@code ttaresource} extension attribute (Kafka binary mode: header
 * {@code ce_ttaresource}, e.g. {@code players/p-1}: the API path after {@code /api/v{n}/}). Events
 * without the attribute are ignored. Every gateway instance reads every event (a consumer group of
 * its own, from the latest offset): the cache is shared, but an instance may have just stored an
 * entry for the changed resource. Runs on the listener container's own thread, where waiting for
 * Redis is allowed.
 */
public final class CacheInvalidationListener implements SmartLifecycle {

    /** The CloudEvents extension attribute that names the changed resource. */
    public static final String ATTRIBUTE = "ttaresource";
    static final String HEADER = "ce_" + ATTRIBUTE;

    private static final Logger log = LoggerFactory.getLogger(CacheInvalidationListener.class);

    private final KafkaMessageListenerContainer<String, byte[]> container;
    private final java.util.function.BooleanSupplier needed;
    private volatile boolean positioned;

    public CacheInvalidationListener(Map<String, Object> consumerProperties, List<String> topics, String groupPrefix,
                                     ResponseCache cache, MeterRegistry meters, java.util.function.BooleanSupplier needed) {
        this.needed = needed;
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        config.remove(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        var factory = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        ContainerProperties properties = new ContainerProperties(topics.toArray(String[]::new));
        properties.setGroupId(groupPrefix + "gateway-cache-" + UUID.randomUUID());
        properties.setMessageListener((MessageListener<String, byte[]>) record -> onRecord(record, cache, meters));
        // Resolve "latest" at assignment, so that an event produced once assigned() is true is never skipped.
        properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                partitions.forEach(consumer::position);
                positioned = !partitions.isEmpty();
            }
        });
        this.container = new KafkaMessageListenerContainer<>(factory, properties);
    }

    private static void onRecord(ConsumerRecord<String, byte[]> record, ResponseCache cache, MeterRegistry meters) {
        Header header = record.headers().lastHeader(HEADER);
        if (header == null) {
            return;
        }
        String resource = new String(header.value(), StandardCharsets.UTF_8).trim();
        if (!resource.matches("[A-Za-z0-9._~/-]{1,512}") || resource.contains("..")) {
            return;
        }
        try {
            Long removed = cache.invalidate(resource).block(Duration.ofSeconds(5));
            meters.counter("tta.proxy.cache.invalidations").increment(removed == null ? 0 : removed);
        } catch (RuntimeException e) {
            log.warn("Cache not invalidated: topic={} partition={} offset={} error={}", record.topic(), record.partition(),
                    record.offset(), e.getClass().getName());
        }
    }

    /** Whether the consumer has been assigned its partitions (tests wait on this before producing). */
    public boolean assigned() {
        return positioned && container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty();
    }

    /** Starts reading only while some route is cacheable; called again when the routes change. */
    @Override
    public synchronized void start() {
        if (!container.isRunning() && needed.getAsBoolean()) {
            container.start();
        }
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
