package org.tta.audit.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tta.schemas.cloudevents.TtaCloudEvents;

/**
 * Writes to the audit records topic as a producing service would ({@code acks=all}, idempotent,
 * CloudEvents binary mode), and can also write raw bytes that are no CloudEvent at all. Every send
 * waits for the acknowledgement, so records of one key land in call order.
 */
public final class AuditTopic implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, CloudEvent> events;
    private final KafkaProducer<String, byte[]> raw;

    public AuditTopic(String bootstrapServers, String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Map<String, Object> eventConfig = new HashMap<>(config);
        eventConfig.putAll(TtaCloudEvents.producerSerializerConfig());
        this.events = new KafkaProducer<>(eventConfig);
        this.raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public RecordMetadata send(String key, CloudEvent event) {
        return await(events.send(TtaCloudEvents.toRecord(topic, key, event)));
    }

    /** A record without CloudEvents headers: no audit-sink can decode it. */
    public RecordMetadata sendRaw(String key, byte[] value) {
        return await(raw.send(new ProducerRecord<>(topic, key, value)));
    }

    private static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> ack) {
        try {
            return ack.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the record", e);
        }
    }

    @Override
    public void close() {
        events.close();
        raw.close();
    }
}
