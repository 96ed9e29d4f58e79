package org.tta.gateway.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import reactor.test.StepVerifier;

/**
 * The lag monitor against a real broker. Groups are driven by plain consumers that commit explicit offsets, and the
 * monitor is evaluated explicitly (its schedule is an hour away) with a clock the test sets, so nothing waits on time.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "tta.ops.lag.interval=1h",
        "tta.ops.lag.window=3",
        "tta.ops.lag.groups=",
        "tta.ops.lag.discover-pattern=lagit-.*"})
@AutoConfigureWebTestClient
class LagMonitorIT {

    static final Instant START = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final AtomicReference<Instant> NOW = new AtomicReference<>(START);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static Admin admin;

    @Autowired
    LagMonitor monitor;

    @Autowired
    WebTestClient http;

    @TestConfiguration
    static class Clock {
        @Bean
        InstantSource lagClock() {
            return NOW::get;
        }
    }

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void reportsTheSameOffsetsAndLagAsTheAdminClientForTheSameGroup() throws Exception {
        String topic = topic("compare", 3);
        String group = group("compare");
        produce(topic, 0, 10, START);
        produce(topic, 1, 5, START);
        commit(group, Map.of(new TopicPartition(topic, 0), 4L, new TopicPartition(topic, 1), 5L,
                new TopicPartition(topic, 2), 0L));

        GroupLag reported = find(monitor.evaluate(), group);
        // What kafka-consumer-groups --describe computes. Nothing writes to the topic or commits in between, so
        // both readings see the same moment.
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();

        assertThat(reported.partitions()).hasSize(committed.size());
        for (PartitionLag partition : reported.partitions()) {
            TopicPartition tp = new TopicPartition(partition.topic(), partition.partition());
            long end = ends.get(tp).offset();
            long offset = committed.get(tp).offset();
            assertThat(partition.committedOffset()).as("committed %s", tp).isEqualTo(offset);
            assertThat(partition.endOffset()).as("end %s", tp).isEqualTo(end);
            assertThat(partition.lagRecords()).as("lag %s", tp).isEqualTo(end - offset);
        }
        assertThat(reported.totalLagRecords()).isEqualTo(6);
    }

    @Test
    void reportsIdlePartitionsAsZeroLagAndOk() {
        String topic = topic("idle", 2);
        String group = group("idle");
        produce(topic, 0, 3, START.minusSeconds(3600));
        commit(group, Map.of(new TopicPartition(topic, 0), 3L, new TopicPartition(topic, 1), 0L));

        GroupLag reported = find(monitor.evaluate(), group);

        assertThat(reported.partitions()).allSatisfy(p -> {
            assertThat(p.lagRecords()).isZero();
            assertThat(p.lagSeconds()).isZero();
            assertThat(p.status()).isEqualTo(GroupStatus.OK);
        });
    }

    @Test
    void measuresLagInSecondsFromTheFirstRecordAPausedConsumerHasNotRead() {
        String topic = topic("seconds", 1);
        String group = group("seconds");
        TopicPartition partition = new TopicPartition(topic, 0);
        sendAt(topic, 0, NOW.get().minusSeconds(300));
        sendAt(topic, 0, NOW.get().minusSeconds(200));
        sendAt(topic, 0, NOW.get().minusSeconds(100));
        try (KafkaConsumer<String, String> consumer = member(group, topic)) {
            // The consumer read the first record, committed it, and was paused before the next two.
            consumer.pause(consumer.assignment());
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(1)));
            Instant evaluatedAt = NOW.get();

            PartitionLag lag = find(monitor.evaluate(), group).partitions().getFirst();
            assertThat(lag.lagRecords()).isEqualTo(2);
            assertThat(lag.lagSeconds()).isEqualTo(200.0);

            NOW.set(evaluatedAt.plusSeconds(30));
            lag = find(monitor.evaluate(), group).partitions().getFirst();
            assertThat(lag.lagSeconds()).isEqualTo(230.0);
            assertThat(prometheus()).anySatisfy(line -> assertThat(line)
                    .startsWith("tta_consumer_lag_seconds{").contains("group=\"" + group + "\"")
                    .contains("topic=\"" + topic + "\"").endsWith(" 230.0"));
            assertThat(prometheus()).anySatisfy(line -> assertThat(line)
                    .startsWith("tta_consumer_lag_records{").contains("group=\"" + group + "\"").endsWith(" 2.0"));
        } finally {
            NOW.set(START);
        }
    }

    @Test
    void movesThroughStalledWarningOkAndStoppedAsTheGroupBehaves() {
        String topic = topic("status", 1);
        String group = group("status");
        TopicPartition partition = new TopicPartition(topic, 0);
        produce(topic, 0, 5, START);
        KafkaConsumer<String, String> consumer = member(group, topic);
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(2)));
            assertThat(statusAfterEvaluation(group)).isEqualTo(GroupStatus.OK);
            assertThat(statusAfterEvaluation(group)).isEqualTo(GroupStatus.OK);
            assertThat(statusAfterEvaluation(group)).as("offset still at 2 over the window").isEqualTo(GroupStatus.STALLED);

            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(3)));
            produce(topic, 0, 2, START);
            assertThat(statusAfterEvaluation(group)).as("committing, lag 3, 3, 4").isEqualTo(GroupStatus.WARNING);

            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(7)));
            assertThat(statusAfterEvaluation(group)).as("caught up").isEqualTo(GroupStatus.OK);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        }
        produce(topic, 0, 1, START);
        // Leaving the group is asynchronous on the coordinator: wait for it, then evaluate.
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty());
        assertThat(statusAfterEvaluation(group)).as("records waiting, nobody left").isEqualTo(GroupStatus.STOPPED);
    }

    @Test
    void servesTheReportToOperatorsOnlyAsJsonAndAsAStream() {
        String topic = topic("api", 1);
        String group = group("api");
        produce(topic, 0, 4, START);
        commit(group, Map.of(new TopicPartition(topic, 0), 1L));
        monitor.evaluate();

        http.get().uri("/api/v1/ops/lag").headers(h -> h.setBearerAuth(Tokens.anOperator("olga"))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.groups[?(@.group == '" + group + "')].totalLagRecords").isEqualTo(3)
                .jsonPath("$.groups[?(@.group == '" + group + "')].partitions[0].status").isEqualTo("STOPPED");
        http.get().uri("/api/v1/ops/lag").headers(h -> h.setBearerAuth(Tokens.aPatient("alice"))).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/forbidden");

        var events = http.get().uri("/api/v1/ops/lag/stream").headers(h -> h.setBearerAuth(Tokens.anOperator("olga")))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<LagReport>>() { })
                .getResponseBody();
        StepVerifier.create(events.filter(e -> e.data() != null)
                        .filter(e -> e.data().groups().stream().anyMatch(g -> g.group().equals(group))).take(1))
                .then(monitor::evaluate)
                .assertNext(e -> assertThat(e.event()).isEqualTo("lag"))
                .thenCancel()
                .verify(Duration.ofSeconds(60));
    }

    @Test
    void servesTheOpsPageWithoutATokenItsDataNeedsOne() {
        http.get().uri("/ops/lag.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page).contains("lag.js"));
        http.get().uri("/ops/lag.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(script -> assertThat(script).contains("/api/v1/ops/lag/stream"));
        http.get().uri("/api/v1/ops/lag/stream").exchange().expectStatus().isUnauthorized();
    }

    private GroupStatus statusAfterEvaluation(String group) {
        return find(monitor.evaluate(), group).status();
    }

    private static GroupLag find(LagReport report, String group) {
        return report.groups().stream().filter(g -> g.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("group " + group + " not in " + report));
    }

    private List<String> prometheus() {
        String body = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return body == null ? List.of() : body.lines().toList();
    }

    private static String group(String name) {
        return "lagit-" + RUN + "-" + name;
    }

    private String topic(String name, int partitions) {
        String topic = TestInfrastructure.get().namespaceFor(getClass()).topic("lag-" + name);
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        return topic;
    }

    private static void produce(String topic, int partition, int count, Instant timestamp) {
        for (int i = 0; i < count; i++) {
            sendAt(topic, partition, timestamp);
        }
    }

    private static void sendAt(String topic, int partition, Instant timestamp) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), "k", "v")).get();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take the record", e);
        }
    }

    /** Commits offsets for a group that has no member (a simple consumer group, as a stopped worker leaves it). */
    private static void commit(String group, Map<TopicPartition, Long> offsets) {
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((p, o) -> commits.put(p, new OffsetAndMetadata(o)));
            consumer.commitSync(commits);
        }
    }

    /** A consumer that has joined the group and holds the topic's partitions; it commits only what the test says. */
    private static KafkaConsumer<String, String> member(String group, String topic) {
        KafkaConsumer<String, String> consumer = consumer(group);
        consumer.subscribe(List.of(topic));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        return consumer;
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
