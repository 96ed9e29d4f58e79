package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.support.ManualClock;
import org.tta.router.support.RouterFixtures;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The commit cadence against a real broker, with the router's clock standing still until a test
 * moves it: a finished record routed within {@code commit-interval} of the last commit is held
 * (offset and Kafka outputs not committed), and once the clock passes the interval the loop commits
 * it although nothing else arrives; a partition held at {@code max-pending-per-partition} by such
 * records is resumed by that commit. Kafka-sink subscriptions only: a webhook job would read the
 * standing clock too (signatures, backoff).
 */
@TtaIntegrationTest
@SpringBootTest(properties = {
        "spring.config.name=event-router",
        "tta.kafka.partitions=1",
        "tta.router.group-id=${tta.kafka.topic-prefix}event-router",
        "tta.router.commit-interval=5s",
        "tta.router.commit-batch=1000",
        "tta.router.max-pending-per-partition=3"})
class CommitCadenceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @TestConfiguration(proxyBeanMethods = false)
    static class StandingClock {
        @Bean
        @Primary
        ManualClock manualClock() {
            return new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));
        }
    }

    @Autowired
    ManualClock clock;

    @Autowired
    TopicCatalog topics;

    @Autowired
    SubscriptionTable table;

    @Autowired
    MeterRegistry meters;

    @Value("${tta.kafka.topic-prefix}")
    String prefix;

    /** Starts each test right after a commit: from here on, what is routed is held until the clock moves. */
    @BeforeEach
    void commitWhatIsHeld() {
        clock.advance(INTERVAL);
        Awaitility.await().atMost(WAIT).until(() -> gauge("tta.router.records.pending") <= 0);
    }

    @Test
    void commitsAHeldFinishedRecordOnceTheIntervalPassesWhileNothingElseArrives() {
        String sink = prefix + "sink.cadence.idle.v1";
        subscribe("sub-cadence-idle", sink, "ci-");
        try (KafkaProbe probe = probe(sink)) {
            CloudEvent first = send("ci-1").getFirst();
            clock.advance(INTERVAL);
            assertThat(ids(probe.awaitRecords(1, WAIT))).containsExactly(first.getId());

            // Routed within the interval of that commit: finished at once (no webhook job), and held.
            CloudEvent second = send("ci-1").getFirst();
            Awaitility.await().atMost(WAIT).until(() -> gauge("tta.router.records.pending") == 1);

            // Nothing else arrives: the idle loop commits it once the interval has passed.
            clock.advance(INTERVAL);
            assertThat(ids(probe.awaitRecords(1, WAIT))).containsExactly(second.getId());
            Awaitility.await().atMost(WAIT).until(() -> gauge("tta.router.records.pending") == 0);
        }
    }

    @Test
    void resumesAPartitionHeldAtItsBoundByFinishedRecordsOnceTheyAreCommitted() {
        String sink = prefix + "sink.cadence.bound.v1";
        subscribe("sub-cadence-bound", sink, "cb-");
        try (KafkaProbe probe = probe(sink)) {
            CloudEvent opener = send("cb-0").getFirst();
            clock.advance(INTERVAL);
            assertThat(ids(probe.awaitRecords(1, WAIT))).containsExactly(opener.getId());

            // Three finished records held within the interval reach max-pending-per-partition=3: paused.
            List<CloudEvent> held = send("cb-1", "cb-2", "cb-1");
            Awaitility.await().atMost(WAIT).until(() -> gauge("tta.router.partitions.paused") == 1
                    && gauge("tta.router.records.pending") == 3);
            CloudEvent later = send("cb-2").getFirst();

            // The commit once the interval passed frees the partition: the later record is read (and held).
            clock.advance(INTERVAL);
            assertThat(ids(probe.awaitRecords(3, WAIT)))
                    .containsExactlyInAnyOrderElementsOf(held.stream().map(CloudEvent::getId).toList());
            Awaitility.await().atMost(WAIT).until(() -> gauge("tta.router.partitions.paused") == 0
                    && gauge("tta.router.records.pending") == 1);

            clock.advance(INTERVAL);
            assertThat(ids(probe.awaitRecords(1, WAIT))).containsExactly(later.getId());
        }
    }

    private void subscribe(String id, String sink, String subjectPrefix) {
        RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS),
                RouterFixtures.aSubscription(id, "kafka://" + sink, subjectPrefix));
        Awaitility.await().atMost(WAIT).until(() -> table.get(id).isPresent());
    }

    /** One event per session given, in one transaction, in this order. */
    private List<CloudEvent> send(String... sessions) {
        List<Map.Entry<String, CloudEvent>> events = new ArrayList<>();
        for (String session : sessions) {
            events.add(Map.entry(session, RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session, "{}")));
        }
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), events);
        return events.stream().map(Map.Entry::getValue).toList();
    }

    private static KafkaProbe probe(String topic) {
        return KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topic);
    }

    /** The event ids of records on a sink (the {@code ce_id} header). */
    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> KafkaProbe.header(r, "ce_id")).toList();
    }

    private double gauge(String name) {
        Gauge gauge = meters.find(name).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
