package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.tta.platform.tracing.RecordTracing;
import org.tta.router.config.SafetyRouting;
import org.tta.router.safety.SupportiveNotices;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.webhook.DeliveryMetrics;

/**
 * The loop's passes against Kafka's mock clients: what one pass commits in its transaction. Each record is
 * unreadable, so its one output is its copy in the dead-letter topic (no webhook, no lane).
 */
class RoutingRunTest {

    private static final RouterLoop.Topics TOPICS =
            new RouterLoop.Topics("events", "escalations", "deliveries", "events.dlq", "escalations.dlq");
    private static final TopicPartition EVENTS = new TopicPartition("events", 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void aRecordThatTheGatherPollFetchesJoinsTheTransactionOfTheRecordsPolledBeforeIt() {
        onePass(Duration.ofMillis(5));

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("events.dlq", "events.dlq");
        assertThat(committedOffsets()).isEqualTo(List.of(Map.of(EVENTS, new OffsetAndMetadata(2))));
    }

    @Test
    void withoutAGatherPollALaterRecordWaitsForTheNextPassAndItsOwnTransaction() {
        onePass(Duration.ZERO);

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("events.dlq");
        assertThat(committedOffsets()).isEqualTo(List.of(Map.of(EVENTS, new OffsetAndMetadata(1))));
    }

    /** Record 0 is there for the pass's first poll, record 1 only for the poll after it. */
    private void onePass(Duration gatherTimeout) {
        producer.initTransactions();
        consumer.updateBeginningOffsets(Map.of(EVENTS, 0L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(EVENTS));
            consumer.addRecord(anUnreadableRecord(0));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(anUnreadableRecord(1)));
        try (RoutingRun run = aRun(gatherTimeout)) {
            run.run(List.of(TOPICS.sessionEvents(), TOPICS.escalations()), passes(1));
        }
    }

    private RoutingRun aRun(Duration gatherTimeout) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Clock clock = Clock.systemUTC();
        LoopGauges gauges = new LoopGauges(meters);
        RecordRouter router = new RecordRouter(TOPICS, new SubscriptionTable(List.of()),
                new SupportiveNotices(new SafetyRouting("", "", "", "", "notice", List.of()), clock),
                new DeliveryMetrics(meters), clock, RecordTracing.noop());
        // No webhook route, so no lane ever starts and the dispatcher is never called.
        Lanes lanes = new Lanes(null, 500, 500, gauges);
        return new RoutingRun(consumer, router, lanes, new PartitionBounds(2000, gauges),
                new ProgressCommitter(producer), new CommitCadence(clock, Duration.ZERO, 500), gauges,
                Duration.ofMillis(5), Duration.ofMillis(5), gatherTimeout);
    }

    private List<Map<TopicPartition, OffsetAndMetadata>> committedOffsets() {
        return producer.consumerGroupOffsetsHistory().stream().flatMap(byGroup -> byGroup.values().stream()).toList();
    }

    private static ConsumerRecord<String, byte[]> anUnreadableRecord(long offset) {
        return new ConsumerRecord<>(EVENTS.topic(), EVENTS.partition(), offset, "session-1",
                "not a CloudEvent".getBytes(StandardCharsets.UTF_8));
    }

    private static BooleanSupplier passes(int count) {
        AtomicInteger done = new AtomicInteger();
        return () -> done.getAndIncrement() < count;
    }
}
