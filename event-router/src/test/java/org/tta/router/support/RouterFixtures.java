package org.tta.router.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.subscription.SubscriptionConfig;
import org.tta.testkit.TestInfrastructure;

/** Writes subscriptions and events to the test broker: each call one transaction, so they appear together. */
public final class RouterFixtures {

    /** A valid Standard Webhooks secret (32 bytes). */
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5Xa7aQ5Gqg0=";

    private RouterFixtures() {
    }

    public static CloudEvent anEvent(String type, String session, String json) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withType(type)
                .withSource(URI.create("urn:tta:test")).withSubject(session).withTime(OffsetDateTime.now())
                .withData("application/json", json.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Sends (key, event) pairs in one transaction, in order. */
    public static void sendInOneTransaction(String topic, List<Map.Entry<String, CloudEvent>> events) {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Map.Entry<String, CloudEvent> entry : events) {
                RecordHeaders headers = new RecordHeaders();
                byte[] value = serializer.serialize(topic, headers, entry.getValue());
                producer.send(new ProducerRecord<>(topic, null, entry.getKey(), value, headers));
            }
            producer.commitTransaction();
        }
    }

    /** A raw record (for poison pills). */
    public static void sendRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.commitTransaction();
        }
    }

    public static void putSubscription(String topic, Subscription subscription) {
        sendRaw(topic, subscription.id(), TtaJson.mapper().writeValueAsBytes(subscription));
    }

    public static void deleteSubscription(String topic, String id) {
        sendRaw(topic, id, null);
    }

    public static Subscription aSubscription(String id, String sink, String subjectPrefix) {
        return aSubscription(id, sink, subjectPrefix, null);
    }

    /** A subscription to events whose subject starts with {@code subjectPrefix}, with its own settings. */
    public static Subscription aSubscription(String id, String sink, String subjectPrefix, SubscriptionConfig config) {
        return new Subscription(id, "svc-test", null, List.of(), TtaJson.mapper().readTree(
                "[{\"prefix\":{\"subject\":\"" + subjectPrefix + "\"}}]"), sink, null,
                sink.startsWith("kafka:") ? null : new Subscription.SinkCredential(SECRET), config);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "router-test-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
