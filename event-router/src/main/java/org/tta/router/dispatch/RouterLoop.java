package org.tta.router.dispatch;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tta.platform.tracing.RecordTracing;
import org.tta.router.config.RouterProperties;
import org.tta.router.safety.SupportiveNotices;
import org.tta.router.subscription.SubscriptionFeed;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.router.webhook.WebhookDispatcher;

/**
 * The routing loop's lifecycle: one platform thread that runs {@link RoutingRun}s, starting fresh
 * Kafka clients after a failure (a failed transaction included), so routing always resumes from the
 * committed offsets.
 *
 * <p>Guarantees: Kafka sinks, deliveries, notices and dead letters are written exactly once for
 * {@code read_committed} readers: a record's outputs go out in the transaction that commits its
 * offset, when the loop sees it finished or, with {@code tta.router.commit-interval} set, together with
 * others up to that interval later ({@link CommitCadence}).
 * Offsets move only past records whose webhook jobs were all delivered or dead-lettered, so a
 * crash redelivers from the oldest unfinished record: webhooks are at least once, with the same
 * {@code webhook-id}. An ordered subscription gets one session's events in order; a session that is
 * retrying holds back only itself (its lane), up to the bounds of {@link PartitionBounds}. A record
 * that is not a readable CloudEvent is dead-lettered as it is and the partition moves on.
 */
public final class RouterLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouterLoop.class);

    private final Topics topics;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final SubscriptionFeed feed;
    private final WebhookDispatcher webhooks;
    private final RouterProperties router;
    private final LoopGauges gauges;
    private final RecordRouter records;
    private final Clock clock;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** The topics the loop reads and writes. */
    public record Topics(String sessionEvents, String escalations, String deliveries, String sessionEventsDlq,
            String escalationsDlq) {
    }

    public RouterLoop(Topics topics, Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
            SubscriptionTable table, SubscriptionFeed feed, WebhookDispatcher webhooks, SupportiveNotices notices,
            DeliveryMetrics metrics, LoopGauges gauges, Clock clock, RouterProperties router, RecordTracing tracing) {
        this.topics = topics;
        this.consumerConfig = consumerConfig;
        this.producerConfig = producerConfig;
        this.feed = feed;
        this.webhooks = webhooks;
        this.router = router;
        this.gauges = gauges;
        this.clock = clock;
        this.records = new RecordRouter(topics, table, notices, metrics, clock, tracing);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("router-loop").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            // The loop never waits for a webhook: a wakeup ends its poll, and it commits what is finished.
            thread.join(10_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        try {
            if (!feed.awaitCaughtUp(router.subscriptionsWait())) {
                log.warn("Subscriptions table not caught up after {}; routing with what is loaded",
                        router.subscriptionsWait());
            }
        } catch (InterruptedException e) {
            return;
        }
        while (running) {
            try {
                consumeUntilStopped();
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("Routing loop failed; restarting its Kafka clients", e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void consumeUntilStopped() {
        // Closed in reverse order: the run (lanes cancelled), the producer, then the consumer, whose
        // revocation on close therefore commits nothing.
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig);
                RoutingRun run = new RoutingRun(kafka, records,
                        new Lanes(webhooks, router.maxQueuedPerSession(), router.maxPollRecords(), gauges),
                        new PartitionBounds(router.maxPendingPerPartition(), gauges), new ProgressCommitter(producer),
                        new CommitCadence(clock, router.commitInterval(), router.commitBatch()), gauges,
                        router.pollTimeout(), router.busyPollTimeout(), router.gatherTimeout())) {
            consumer = kafka;
            producer.initTransactions();
            run.run(List.of(topics.sessionEvents(), topics.escalations()), () -> running);
        }
    }

    /** The routing consumer's settings over Spring's: its group, {@code read_committed}, manual offsets, bytes. */
    public static Map<String, Object> consumerConfig(Map<String, Object> base, RouterProperties router) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, router.groupId());
        int maxPollRecords = router.maxPollRecords();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        return config;
    }
}
