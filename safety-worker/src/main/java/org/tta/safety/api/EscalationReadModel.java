package org.tta.safety.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.events.EventTypes;
import org.tta.safety.classify.Tier;
import org.tta.safety.config.SafetyProperties;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * The read side of escalations, the same on every instance: a consumer without a group reads every partition of
 * {@code tta.safety.escalations.v1} from the beginning ({@code read_committed}) and folds each escalation's steps
 * into its latest {@link EscalationView}. It lags the stream task by one poll, so a step just committed may take a
 * moment to show. Bounded: a resolved escalation is dropped once it has been resolved for
 * {@code tta.safety.escalation.resolved-retention} (by the injected clock), also when history is replayed at start-up;
 * open and acknowledged ones stay, however old. Thread-safe: one thread writes, requests read a concurrent map.
 */
@Component
class EscalationReadModel implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EscalationReadModel.class);

    private final Map<String, EscalationView> views = new ConcurrentHashMap<>();
    /** Resolved escalations by the time they resolved, earliest first; touched by the consumer thread only. */
    private final PriorityQueue<Resolved> resolved = new PriorityQueue<>(Comparator.comparing(Resolved::at));
    private final Duration resolvedRetention;
    private final Clock clock;
    private final KafkaProperties kafka;
    private final String topic;
    private final EventCodec codec = EventCodec.standard();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    EscalationReadModel(KafkaProperties kafka, TopicCatalog topics, MeterRegistry meters, Clock clock,
            SafetyProperties properties) {
        this.kafka = kafka;
        this.clock = clock;
        this.resolvedRetention = properties.escalation().resolvedRetention();
        this.topic = topics.name(TopicId.SAFETY_ESCALATIONS);
        for (Tier tier : Tier.values()) {
            if (!tier.escalates()) {
                continue;
            }
            String name = tier.wireName();
            for (String route : List.of(SafetyEscalation.ROUTE_PAGE, SafetyEscalation.ROUTE_REVIEW)) {
                Gauge.builder("tta.safety.escalations.open", this, model -> model.count(view ->
                                name.equals(view.tier()) && route.equals(view.route()) && !isResolved(view)))
                        .description("Escalations not yet resolved (open or acknowledged), by tier and route")
                        .tag("tier", name).tag("route", route).register(meters);
                Gauge.builder("tta.safety.escalations.overdue", this, model -> model.count(view ->
                                name.equals(view.tier()) && route.equals(view.route())
                                        && SafetyEscalation.STATE_OPEN.equals(view.state())
                                        && view.deadline() != null && view.deadline().isBefore(clock.instant())))
                        .description("Open escalations nobody acknowledged before their deadline, by tier and route")
                        .tag("tier", name).tag("route", route).register(meters);
            }
        }
    }

    private static boolean isResolved(EscalationView view) {
        return SafetyEscalation.STATE_RESOLVED.equals(view.state());
    }

    private double count(java.util.function.Predicate<EscalationView> which) {
        return views.values().stream().filter(which).count();
    }

    Optional<EscalationView> find(String escalationId) {
        return Optional.ofNullable(views.get(escalationId));
    }

    /** Escalations in {@code state} on {@code route} (either all when null), the most recently opened first. */
    List<EscalationView> list(String state, String route) {
        List<EscalationView> matching = new ArrayList<>();
        for (EscalationView view : views.values()) {
            if ((state == null || state.equals(view.state())) && (route == null || route.equals(view.route()))) {
                matching.add(view);
            }
        }
        matching.sort(Comparator.comparing(EscalationView::openedAt).reversed());
        return matching;
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "safety-worker-escalation-views");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "safety-escalation-views");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (CloudEventDeserializer events = new CloudEventDeserializer()) {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(events, record);
                }
                dropResolvedBefore(clock.instant().minus(resolvedRetention));
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            if (running) {
                log.error("Escalation read model stopped ({})", e.getClass().getName(), e);
            }
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void assignAll() {
        List<PartitionInfo> partitions = List.of();
        while (running && partitions.isEmpty()) {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    private void apply(CloudEventDeserializer events, ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = events.deserialize(record.topic(), record.headers(), record.value());
            if (!EventTypes.SAFETY_ESCALATION.equals(event.getType())) {
                return;
            }
            SafetyEscalation step = codec.decode(event, SafetyEscalation.class);
            EscalationView after = views.compute(step.escalationId(), (id, before) -> EscalationView.fold(before, step));
            if (isResolved(after)) {
                resolved.add(new Resolved(after.escalationId(), after.updatedAt()));
            }
        } catch (RuntimeException e) {
            log.warn("Skipped an undecodable escalation record partition={} offset={} ({})", record.partition(),
                    record.offset(), e.getClass().getSimpleName());
        }
    }

    /** Drops the escalations resolved before {@code cutoff} (a view resolved again later keeps its newer entry). */
    private void dropResolvedBefore(Instant cutoff) {
        while (!resolved.isEmpty() && resolved.peek().at().isBefore(cutoff)) {
            Resolved expired = resolved.poll();
            views.computeIfPresent(expired.escalationId(), (id, view) ->
                    isResolved(view) && !view.updatedAt().isAfter(expired.at()) ? null : view);
        }
    }

    /** Number of escalations the read model holds (bounded by the retention of resolved ones). */
    int size() {
        return views.size();
    }

    private record Resolved(String escalationId, Instant at) {
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread current2 = thread;
        if (current2 != null) {
            try {
                current2.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
