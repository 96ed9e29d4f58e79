package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@TtaIntegrationTest
class KafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void idempotentAcksAllRecordsAreReadBackOnceInKeyOrder(TestInfrastructure infra, TestNamespace namespace)
            throws Exception {
        String topic = createTopic(infra, namespace.topic("plain"));
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(infra, Map.of())) {
            IntStream.range(0, 100).forEach(i ->
                    sends.add(producer.send(new ProducerRecord<>(topic, "key-" + i % 5, Integer.toString(i)))));
            producer.flush();
        }
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }

        try (KafkaProbe probe = KafkaProbe.on(infra.kafkaBootstrapServers(), topic)) {
            List<ConsumerRecord<String, byte[]>> records = probe.awaitRecords(100, WAIT);

            assertThat(records).hasSize(100);
            assertThat(records.stream().map(r -> r.key()).distinct()).hasSize(5);
            for (int k = 0; k < 5; k++) {
                String key = "key-" + k;
                assertThat(records.stream().filter(r -> r.key().equals(key)).map(KafkaIT::text).map(Integer::valueOf))
                        .isSorted().hasSize(20);
            }
            assertThat(probe.pollFor(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void abortedTransactionIsInvisibleToReadCommittedWhileCommittedIsVisible(TestInfrastructure infra,
            TestNamespace namespace) {
        String topic = createTopic(infra, namespace.topic("tx"));
        try (KafkaProducer<String, String> producer =
                producer(infra, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, namespace.id() + "-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        try (KafkaProbe probe = KafkaProbe.on(infra.kafkaBootstrapServers(), topic)) {
            assertThat(probe.awaitRecords(1, WAIT)).map(KafkaIT::text).containsExactly("committed");
            assertThat(probe.pollFor(Duration.ofSeconds(1))).isEmpty();
        }
        // The aborted record was written: only the isolation level hides it.
        assertThat(readUncommitted(infra, topic, 2)).containsExactly("aborted", "committed");
    }

    @Test
    void probeDecodesCloudEvents(TestInfrastructure infra, TestNamespace namespace) {
        String topic = createTopic(infra, namespace.topic("events"));
        CloudEvent event = CloudEventBuilder.v1()
                .withId("e-1")
                .withSource(URI.create("/tta/testkit"))
                .withType("org.tta.test.ping")
                .withData("application/json", "{\"n\":1}".getBytes(StandardCharsets.UTF_8))
                .build();
        Map<String, Object> config = producerConfig(infra, Map.of());
        try (KafkaProducer<String, CloudEvent> producer =
                new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", event));
        }

        try (KafkaProbe probe = KafkaProbe.on(infra.kafkaBootstrapServers(), topic)) {
            CloudEvent received = probe.awaitCloudEvents(1, WAIT).getFirst();

            assertThat(received.getId()).isEqualTo("e-1");
            assertThat(received.getType()).isEqualTo("org.tta.test.ping");
            assertThat(new String(received.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        }
    }

    @Test
    void probeSeesATopicCreatedAfterItSubscribed(TestInfrastructure infra, TestNamespace namespace) {
        String topic = namespace.topic("late");

        try (KafkaProbe probe = KafkaProbe.on(infra.kafkaBootstrapServers(), topic)) {
            assertThat(probe.pollFor(Duration.ofMillis(300))).isEmpty();
            createTopic(infra, topic);
            try (KafkaProducer<String, String> producer = producer(infra, Map.of())) {
                producer.send(new ProducerRecord<>(topic, "k", "late"));
            }

            assertThat(probe.awaitRecords(1, WAIT)).map(KafkaIT::text).containsExactly("late");
        }
    }

    @Test
    void awaitRecordsFailsNamingTopicAndCounts(TestInfrastructure infra, TestNamespace namespace) {
        String topic = createTopic(infra, namespace.topic("quiet"));

        try (KafkaProbe probe = KafkaProbe.on(infra.kafkaBootstrapServers(), topic)) {
            assertThatThrownBy(() -> probe.awaitRecords(1, Duration.ofMillis(500)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(topic)
                    .hasMessageContaining("at least 1")
                    .hasMessageContaining("got 0");
        }
    }

    private static String createTopic(TestInfrastructure infra, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create " + topic, e);
        }
        return topic;
    }

    private static KafkaProducer<String, String> producer(TestInfrastructure infra, Map<String, Object> extra) {
        return new KafkaProducer<>(producerConfig(infra, extra), new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Object> producerConfig(TestInfrastructure infra, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    private static List<String> readUncommitted(TestInfrastructure infra, String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-uncommitted",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(text(r)));
                return values.size() >= count;
            });
        }
        return values;
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
