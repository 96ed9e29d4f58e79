package org.tta.testkit;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from the beginning as a {@code read_committed} consumer in a group of its own, so it sees exactly
 * what committed producers wrote. Each record is returned once: a later call continues after the earlier ones.
 * Not thread-safe (a Kafka consumer is not); close it.
 */
public final class KafkaProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;

    private KafkaProbe(String topic, KafkaConsumer<String, byte[]> consumer) {
        this.topic = topic;
        this.consumer = consumer;
    }

    /** Subscribes to {@code topic}; it need not exist yet, and the probe will not create it. */
    public static KafkaProbe on(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "tta-probe-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Creating the topic here would race the code under test with other partition counts.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // Notice a topic created after subscribing quickly rather than after the default five minutes.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return new KafkaProbe(topic, consumer);
    }

    /** Polls until at least {@code count} records arrived; an AssertionError naming topic and counts on timeout. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Expected at least " + count + " committed records on topic " + topic
                        + " within " + timeout + " but got " + records.size());
            }
            consumer.poll(POLL).forEach(records::add);
        }
        return records;
    }

    /**
     * Polls until at least {@code count} records with this key arrived (records of other keys are
     * skipped); an AssertionError naming topic, key and counts on timeout.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecordsWithKey(String key, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Expected at least " + count + " committed records with key " + key
                        + " on topic " + topic + " within " + timeout + " but got " + records.size());
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (key.equals(record.key())) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    /** The value of a record header as UTF-8 text (e.g. {@code ce_id}), or null when absent. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Everything that arrives within {@code window}; for asserting that nothing (more) was written. */
    public List<ConsumerRecord<String, byte[]>> pollFor(Duration window) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - deadline < 0) {
            consumer.poll(POLL).forEach(records::add);
        }
        return records;
    }

    /** {@link #awaitRecords} decoded as CloudEvents (binary or, with a format on the classpath, structured). */
    public List<CloudEvent> awaitCloudEvents(int count, Duration timeout) {
        return awaitRecords(count, timeout).stream().map(KafkaProbe::toCloudEvent).toList();
    }

    /** Decodes one record as a CloudEvent. */
    public static CloudEvent toCloudEvent(ConsumerRecord<String, byte[]> record) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
    }

    @Override
    public void close() {
        // Bounded: the broker may already be gone when a test cleans up after a failure.
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
