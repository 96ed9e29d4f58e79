package org.tta.router.subscription;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.subscription.SubscriptionRules;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Materializes {@code tta.subscriptions.v1} into the {@link SubscriptionTable}: every instance
 * reads every partition from the beginning (no consumer group, nothing committed) and then
 * follows the topic, so a change reaches every instance within a poll. A record that does not
 * hold a valid subscription removes the id (it cannot be routed safely) and is counted.
 */
public final class SubscriptionFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final SubscriptionTable table;
    private final MeterRegistry meters;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public SubscriptionFeed(String topic, Map<String, Object> kafkaConfig, SubscriptionTable table, MeterRegistry meters) {
        this.topic = topic;
        this.table = table;
        this.meters = meters;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerConfig = config;
        Gauge.builder("tta.router.subscriptions", table, SubscriptionTable::size)
                .description("Service subscriptions materialized by this instance").register(meters);
    }

    /** Waits until every record that existed at start-up has been applied; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("subscription-feed").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(10_000);
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
        // Before the routing loop starts and after it stops.
        return Integer.MAX_VALUE - 200;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig)) {
            consumer = kafka;
            List<TopicPartition> partitions = partitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                    log.info("Subscriptions table caught up: {} subscriptions", table.size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("Subscription feed stopped on topic={}", topic, e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            log.warn("Subscriptions topic {} has no partitions yet; waiting", topic);
        }
        throw new WakeupException();
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            table.remove(record.key());
            log.info("Subscription removed id={}", record.key());
            return;
        }
        try {
            Subscription subscription = TtaJson.mapper().readValue(record.value(), Subscription.class);
            List<SubscriptionRules.Problem> problems = SubscriptionRules.check(subscription);
            if (!problems.isEmpty() || !record.key().equals(subscription.id())) {
                throw new IllegalArgumentException("invalid subscription: " + problems.stream()
                        .map(SubscriptionRules.Problem::pointer).toList());
            }
            table.put(Route.of(subscription));
            log.info("Subscription applied id={} owner={} protocol={}", subscription.id(), subscription.owner(),
                    SubscriptionRules.protocolOf(subscription.sink()));
        } catch (RuntimeException e) {
            table.remove(record.key());
            meters.counter("tta.router.subscriptions.invalid").increment();
            log.warn("Ignoring invalid subscription record id={} partition={} offset={} error={}", record.key(),
                    record.partition(), record.offset(), e.getClass().getSimpleName());
        }
    }
}
