package org.tta.gateway.realtime;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tta.schemas.events.EventTypes;
import org.tta.testkit.TestInfrastructure;

/** Test fixture: writes delivery records (what the event-router writes) straight to {@code tta.deliveries.v1}. */
final class Deliveries implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, CloudEvent> producer;

    Deliveries(String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024),
                new StringSerializer(), new CloudEventSerializer());
    }

    /** Sends {@code count} session messages to the session and returns their event ids in order. */
    List<String> send(String sessionId, int count) {
        return send(sessionId, count, "turn");
    }

    List<String> send(String sessionId, int count, String text) {
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                String data = "{\"sessionId\":\"" + sessionId + "\",\"senderId\":\"narrator\",\"senderRole\":\"service\",\"text\":\""
                        + text + " " + i + "\"}";
                CloudEvent event = CloudEventBuilder.v1().withId(id).withType(EventTypes.SESSION_MESSAGE)
                        .withSource(URI.create("urn:tta:test")).withSubject(sessionId).withTime(OffsetDateTime.now())
                        .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build();
                producer.send(new ProducerRecord<>(topic, sessionId, event)).get();
                ids.add(id);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not take the delivery", e);
        }
        return ids;
    }

    @Override
    public void close() {
        producer.close();
    }
}
