package org.tta.router.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tta.platform.tracing.RecordTracing;
import org.tta.router.deadletter.DeadLetterHeaders;
import org.tta.router.safety.SupportiveNotices;
import org.tta.router.subscription.Route;
import org.tta.router.subscription.SubscriptionFeed;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.router.webhook.WebhookDispatcher;
import org.tta.router.webhook.WebhookFailure;
import org.tta.router.webhook.WebhookJob;

/**
 * The routing loop: {@code poll -> route (match) -> deliver webhooks -> one transaction with every
 * Kafka output and the consumer offsets -> commit}.
 *
 * <p>Guarantees: Kafka sinks, deliveries, notices and dead letters are written exactly once for
 * {@code read_committed} readers (one transaction per batch, offsets included). Offsets move only
 * after every webhook job of the batch was delivered or dead-lettered, so a crash redelivers the
 * unfinished batch: webhooks are at least once, with the same {@code webhook-id}. A record that is
 * not a readable CloudEvent is dead-lettered as it is and the partition moves on.
 */
public final class RouterLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouterLoop.class);

    private final Topics topics;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final SubscriptionTable table;
    private final SubscriptionFeed feed;
    private final WebhookDispatcher webhooks;
    private final SupportiveNotices notices;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration pollTimeout;
    private final Duration subscriptionsWait;
    private final RecordTracing tracing;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** The topics the loop reads and writes. */
    public record Topics(String sessionEvents, String escalations, String deliveries, String sessionEventsDlq,
            String escalationsDlq) {
    }

    public RouterLoop(Topics topics, Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
            SubscriptionTable table, SubscriptionFeed feed, WebhookDispatcher webhooks, SupportiveNotices notices,
            DeliveryMetrics metrics, Clock clock, Duration pollTimeout, Duration subscriptionsWait,
            RecordTracing tracing) {
        this.topics = topics;
        this.consumerConfig = consumerConfig;
        this.producerConfig = producerConfig;
        this.table = table;
        this.feed = feed;
        this.webhooks = webhooks;
        this.notices = notices;
        this.metrics = metrics;
        this.clock = clock;
        this.pollTimeout = pollTimeout;
        this.subscriptionsWait = subscriptionsWait;
        this.tracing = tracing;
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
        thread.interrupt();
        try {
            thread.join(15_000);
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
            if (!feed.awaitCaughtUp(subscriptionsWait)) {
                log.warn("Subscriptions table not caught up after {}; routing with what is loaded", subscriptionsWait);
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
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            consumer = kafka;
            producer.initTransactions();
            kafka.subscribe(List.of(topics.sessionEvents(), topics.escalations()));
            Outbox outbox = new Outbox(tracing);
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(pollTimeout);
                if (records.isEmpty()) {
                    continue;
                }
                outbox.clear();
                processBatch(records, outbox);
                commit(kafka, producer, records, outbox);
            }
        }
    }

    private void processBatch(ConsumerRecords<String, byte[]> records, Outbox outbox) {
        List<WebhookJob> jobs = new ArrayList<>();
        Map<WebhookJob, ConsumerRecord<String, byte[]>> origins = new IdentityHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            // One span per record, child of the producer's traceparent; records written while it is
            // current (deliveries, Kafka sinks, notices) carry it on.
            Span span = tracing.consume("tta.router.route", record.topic(), record.headers());
            try (Tracer.SpanInScope ignored = tracing.scope(span)) {
                onRecord(record, outbox, jobs, origins);
            } finally {
                span.end();
            }
        }
        List<WebhookFailure> failures;
        try {
            failures = webhooks.deliver(jobs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
        for (WebhookFailure failure : failures) {
            deadLetter(outbox, origins.get(failure.job()), failure);
        }
    }

    private void onRecord(ConsumerRecord<String, byte[]> record, Outbox outbox, List<WebhookJob> jobs,
            Map<WebhookJob, ConsumerRecord<String, byte[]>> origins) {
        boolean escalation = record.topic().equals(topics.escalations());
        CloudEvent event;
        try {
            event = decode(record);
        } catch (RuntimeException e) {
            poison(outbox, record, e);
            return;
        }
        String key = record.key();
        List<Route> routes = table.match(escalation ? Route.Input.ESCALATIONS : Route.Input.SESSION_EVENTS, event);
        boolean routed = !routes.isEmpty();
        if (escalation) {
            routed |= notice(outbox, key, event);
        }
        if (!routed) {
            metrics.unmatched(record.topic());
            return;
        }
        for (Route route : routes) {
            switch (route.sinkKind()) {
                case KAFKA -> {
                    outbox.event(route.kafkaTopic(), key, event);
                    metrics.delivered(route.id(), "kafka");
                }
                case PARTICIPANTS -> {
                    outbox.event(topics.deliveries(), key, event);
                    metrics.delivered(route.id(), "participants");
                }
                case WEBHOOK -> {
                    WebhookJob job = new WebhookJob(route, key, event, tracing.currentTraceparent());
                    jobs.add(job);
                    origins.put(job, record);
                }
            }
        }
    }

    private boolean notice(Outbox outbox, String key, CloudEvent escalation) {
        try {
            return notices.forEscalation(key, escalation).map(notice -> {
                outbox.event(topics.deliveries(), key, notice);
                metrics.delivered("session-participants", "notice");
                return true;
            }).orElse(false);
        } catch (RuntimeException e) {
            // The on-call delivery matters more than the notice: never dead-letter the escalation for it.
            log.warn("No supportive notice for escalation eventId={} error={}", escalation.getId(),
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private static CloudEvent decode(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            throw new IllegalArgumentException("record without key or value");
        }
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            CloudEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
            if (event == null) {
                throw new IllegalArgumentException("not a CloudEvent");
            }
            return event;
        }
    }

    private void poison(Outbox outbox, ConsumerRecord<String, byte[]> record, RuntimeException e) {
        String dlq = dlqOf(record.topic());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.add(headers, null, -1, 0, "unreadable", record.topic(), record.partition(), record.offset(),
                clock.instant());
        outbox.add(new ProducerRecord<>(dlq, null, record.key(), record.value(), headers));
        metrics.poison(record.topic());
        metrics.deadLettered(dlq, "unreadable");
        log.warn("Poison record dead-lettered topic={} partition={} offset={} error={}", record.topic(),
                record.partition(), record.offset(), e.getClass().getSimpleName());
    }

    private void deadLetter(Outbox outbox, ConsumerRecord<String, byte[]> origin, WebhookFailure failure) {
        String sink = failure.job().route().subscription().config().delivery() == null ? null
                : failure.job().route().subscription().config().delivery().deadLetterSink();
        String topic = sink != null ? org.tta.schemas.subscription.SubscriptionRules.kafkaTopic(sink)
                : dlqOf(origin.topic());
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.add(headers, failure.job().route().id(), failure.status(), failure.attempts(),
                failure.error(), origin.topic(), origin.partition(), origin.offset(), clock.instant());
        outbox.add(outbox.record(topic, origin.key(), failure.job().event(), headers));
        metrics.deadLettered(topic, failure.error());
    }

    private String dlqOf(String topic) {
        return topic.equals(topics.escalations()) ? topics.escalationsDlq() : topics.sessionEventsDlq();
    }

    private void commit(KafkaConsumer<String, byte[]> kafka, KafkaProducer<String, byte[]> producer,
            ConsumerRecords<String, byte[]> records, Outbox outbox) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
        }
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : outbox.records()) {
                producer.send(record);
            }
            producer.sendOffsetsToTransaction(offsets, kafka.groupMetadata());
            producer.commitTransaction();
        } catch (KafkaException e) {
            log.warn("Batch transaction failed; the batch will be routed again error={}", e.getClass().getSimpleName());
            // Fenced or otherwise fatal errors make abort throw too: the caller then starts fresh clients.
            producer.abortTransaction();
            rewind(kafka, records);
        }
    }

    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (kafka.assignment().contains(partition)) {
                kafka.seek(partition, records.records(partition).getFirst().offset());
            }
        }
    }

    /** The loop was interrupted (shutting down) while webhooks were in flight; nothing of the batch is committed. */
    static final class InterruptException extends RuntimeException {
        InterruptException(InterruptedException cause) {
            super(cause);
        }
    }

    /** The routing consumer's settings over Spring's: its group, {@code read_committed}, manual offsets, bytes. */
    public static Map<String, Object> consumerConfig(Map<String, Object> base, org.tta.router.config.RouterProperties router) {
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
