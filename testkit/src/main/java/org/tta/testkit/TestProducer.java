package org.tta.testkit;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes CloudEvents (Kafka binary mode, acks=all, idempotent) to the test broker, for tests of consumers. */
public final class TestProducer {

    private TestProducer() {
    }

    /** Sends one JSON CloudEvent per key, each with subject = key, and waits for every acknowledgement. */
    public static void sendEvents(String topic, String type, String jsonData, String... keys) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, CloudEvent> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
            for (String key : keys) {
                CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withType(type)
                        .withSource(URI.create("urn:tta:test")).withSubject(key).withTime(OffsetDateTime.now())
                        .withData("application/json", jsonData.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
                producer.send(new ProducerRecord<>(topic, key, event)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the test broker did not take the record", e.getCause());
        }
    }
}
