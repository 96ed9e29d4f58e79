package org.tta.gateway.realtime.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.stereotype.Component;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.delivery.cache.HistoryCache;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A session's events after a position: from the {@link HistoryCache} when it proves it holds all of them
 * (recent history; ADR 0012), otherwise read by seeking {@code tta.deliveries.v1} (its retention, 24 h,
 * bounds what can be resumed). Checks the position first: its partition must be the session's, its
 * offset not beyond the end, and the record at it must belong to the session; a position whose
 * successors were already deleted (or more than {@code max-replay} events back) is unavailable.
 *
 * <p>Kafka consumers block, so a resume runs on a scheduler of its own with {@code replay-concurrency}
 * threads and a bounded queue, never on an event loop; the consumers are pooled.
 */
@Component
public class DeliveryHistory {

    private static final Duration READ_LIMIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(200);

    private final DeliveryConsumers consumers;
    private final HistoryCache cache;
    private final DeliveryFanout fanout;
    private final RealtimeProperties properties;
    private final MeterRegistry meters;
    private final Scheduler scheduler;
    private final Queue<KafkaConsumer<String, CloudEvent>> idle = new ConcurrentLinkedQueue<>();

    DeliveryHistory(DeliveryConsumers consumers, HistoryCache cache, DeliveryFanout fanout, RealtimeProperties properties,
                    MeterRegistry meters) {
        this.consumers = consumers;
        this.cache = cache;
        this.fanout = fanout;
        this.properties = properties;
        this.meters = meters;
        this.scheduler = Schedulers.newBoundedElastic(properties.replayConcurrency(), 1000, "realtime-replay");
    }

    /**
     * The session's events after {@code since}, in order; fails with Invalid/ResumeUnavailable exceptions.
     * Call it after the connection registered with the hub: what the fan-out had not started dispatching
     * by now reaches the connection live, so the history must cover everything below that.
     */
    public Mono<List<Delivery>> after(String sessionId, Position since) {
        long liveFrom = fanout.liveFrom(since.partition());
        return cache.after(sessionId, since, liveFrom)
                .flatMap(cached -> cached.isPresent()
                        ? Mono.just(cached.get()).doOnSuccess(events -> count("resumed", "cache"))
                        : fromKafka(sessionId, since));
    }

    private Mono<List<Delivery>> fromKafka(String sessionId, Position since) {
        return Mono.fromCallable(() -> read(sessionId, since))
                .subscribeOn(scheduler)
                .doOnSuccess(events -> count("resumed", "kafka"))
                .doOnError(InvalidPositionException.class, e -> count("invalid", "kafka"))
                .doOnError(ResumeUnavailableException.class, e -> count("unavailable", "kafka"));
    }

    private void count(String outcome, String source) {
        meters.counter("tta.gateway.realtime.resumes", "outcome", outcome, "source", source).increment();
    }

    private List<Delivery> read(String sessionId, Position since) {
        KafkaConsumer<String, CloudEvent> consumer = idle.poll();
        if (consumer == null) {
            consumer = consumers.create("replay-" + UUID.randomUUID(), 500);
        }
        boolean healthy = false;
        try {
            List<Delivery> events = read(consumer, sessionId, since);
            healthy = true;
            return events;
        } catch (InvalidPositionException | ResumeUnavailableException e) {
            healthy = true;
            throw e;
        } finally {
            consumer.unsubscribe();
            if (healthy && idle.size() < properties.replayConcurrency()) {
                idle.add(consumer);
            } else {
                consumer.close();
            }
        }
    }

    private List<Delivery> read(KafkaConsumer<String, CloudEvent> consumer, String sessionId, Position since) {
        int partitions = consumer.partitionsFor(consumers.topic()).size();
        int expected = Utils.toPositive(Utils.murmur2(sessionId.getBytes(StandardCharsets.UTF_8))) % partitions;
        if (since.partition() != expected) {
            throw new InvalidPositionException("The position is not from this session");
        }
        TopicPartition partition = new TopicPartition(consumers.topic(), since.partition());
        List<TopicPartition> assigned = List.of(partition);
        consumer.assign(assigned);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(assigned);
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        long begin = begins.get(partition);
        long end = ends.get(partition);
        if (since.offset() >= end) {
            throw new InvalidPositionException("The position is beyond the end of the stream");
        }
        if (since.offset() + 1 < begin) {
            throw new ResumeUnavailableException("The events after this position are no longer retained");
        }
        boolean verify = since.offset() >= begin;
        consumer.seek(partition, verify ? since.offset() : begin);
        List<Delivery> events = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new ResumeUnavailableException("The history could not be read in time");
            }
            for (ConsumerRecord<String, CloudEvent> record : consumer.poll(POLL)) {
                if (record.offset() >= end) {
                    break;
                }
                if (verify) {
                    verify = false;
                    if (record.offset() != since.offset() || !sessionId.equals(record.key())) {
                        throw new InvalidPositionException("The position is not from this session");
                    }
                    continue;
                }
                if (sessionId.equals(record.key()) && record.value() != null) {
                    if (events.size() >= properties.maxReplay()) {
                        throw new ResumeUnavailableException("Too many events to replay");
                    }
                    events.add(DeliveryFrames.toDelivery(record));
                }
            }
        }
        if (verify) {
            throw new InvalidPositionException("The position is not from this session");
        }
        return events;
    }

    @PreDestroy
    void close() {
        scheduler.dispose();
        KafkaConsumer<String, CloudEvent> consumer;
        while ((consumer = idle.poll()) != null) {
            consumer.close();
        }
    }
}
