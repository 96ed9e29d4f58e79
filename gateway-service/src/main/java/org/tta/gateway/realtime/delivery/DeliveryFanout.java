package org.tta.gateway.realtime.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.realtime.delivery.cache.HistoryCache;

/**
 * Reads every partition of {@code tta.deliveries.v1} from the end (live only: older events are a
 * resume's business) on one thread of its own and hands each record to the {@link SessionHub}, which
 * pushes it to this instance's connections of that session. Steps: poll -> render once -> dispatch ->
 * hand the partition's chunk to the {@link HistoryCache} (which never blocks). A record that is not a
 * CloudEvent is skipped and counted.
 *
 * <p>The resume seam: per partition, {@link #liveFrom} is raised to a record's offset + 1 <em>before</em>
 * the record is dispatched, and a resume reads it <em>after</em> its connection registered with the hub
 * (both through volatile/concurrent-map accesses). So a record at or above the value a resume read is
 * dispatched after the registration and reaches the connection live; the history must hold every record
 * below it (this instance fanned those out earlier, or they precede its start).
 */
@Component
public class DeliveryFanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFanout.class);
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** Longest wait for the thread to end at stop: a poll ends at once on wakeup, a metadata wait within 5 s. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(6);

    private final DeliveryConsumers consumers;
    private final SessionHub hub;
    private final HistoryCache cache;
    private final Map<Integer, Long> liveFrom = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter undecodable;
    private volatile KafkaConsumer<String, CloudEvent> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);

    DeliveryFanout(DeliveryConsumers consumers, SessionHub hub, HistoryCache cache, MeterRegistry meters) {
        this.consumers = consumers;
        this.hub = hub;
        this.cache = cache;
        this.received = meters.counter("tta.gateway.realtime.deliveries", "outcome", "received");
        this.undecodable = meters.counter("tta.gateway.realtime.deliveries", "outcome", "undecodable");
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("realtime-fanout").daemon()
                .uncaughtExceptionHandler((t, e) -> log.error("The delivery fan-out thread died; live delivery stopped", e))
                .start(this::run);
        // Wait (bounded) for the first positioning, so that an event written after start-up is never missed;
        // when Kafka is down the gateway starts anyway and the thread keeps trying.
        try {
            if (!positioned.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Live delivery not positioned on {} within {}; it keeps trying", consumers.topic(), START_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps one consumer going; after a failure it is rebuilt and resumes where the last one stopped. */
    private void run() {
        Map<TopicPartition, Long> next = new HashMap<>();
        while (running) {
            try {
                consumer = consumers.create("fanout-" + UUID.randomUUID(), 500);
                List<TopicPartition> partitions = partitions();
                if (partitions.isEmpty()) {
                    continue;
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                for (TopicPartition partition : partitions) {
                    Long resumeAt = next.get(partition);
                    if (resumeAt != null) {
                        consumer.seek(partition, resumeAt);
                    }
                    next.put(partition, consumer.position(partition));
                    liveFrom.merge(partition.partition(), next.get(partition), Math::max);
                }
                positioned.countDown();
                poll(next);
            } catch (WakeupException | InterruptException woken) {
                // stop() woke the consumer (or, as a last resort, interrupted the thread): a normal stop
                if (running && woken instanceof InterruptException) {
                    log.error("The delivery fan-out thread was interrupted while running; live delivery stops");
                    running = false;
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.error("The delivery fan-out failed; it restarts where it stopped: {}", e.toString());
                    pause();
                }
            } finally {
                closeConsumer(Duration.ofSeconds(2));
            }
        }
        log.debug("The delivery fan-out stopped");
    }

    /**
     * Closes the current consumer, if any. An interrupt during close (only at stop) is no failure: the
     * consumer still released its resources before Kafka reported the interrupt.
     */
    private void closeConsumer(Duration timeout) {
        KafkaConsumer<String, CloudEvent> current = consumer;
        consumer = null;
        if (current == null) {
            return;
        }
        try {
            current.close(CloseOptions.timeout(timeout));
        } catch (InterruptException interrupted) {
            log.debug("The delivery fan-out's consumer closed while the thread was interrupted");
        }
    }

    /** The topic's partitions, or none when it cannot be read now (Kafka down, topic missing). */
    private List<TopicPartition> partitions() {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(consumers.topic(), Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
        } catch (TimeoutException unavailable) {
            // retried below
        }
        closeConsumer(Duration.ofSeconds(1));
        pause();
        return List.of();
    }

    private void poll(Map<TopicPartition, Long> next) {
        while (running) {
            try {
                ConsumerRecords<String, CloudEvent> batch = consumer.poll(Duration.ofMillis(500));
                for (TopicPartition partition : next.keySet()) {
                    onPartition(partition, batch.records(partition), next);
                }
            } catch (RecordDeserializationException e) {
                undecodable.increment();
                log.warn("Skipped an undecodable delivery at {}@{}", e.topicPartition(), e.offset());
                consumer.seek(e.topicPartition(), e.offset() + 1);
                Long from = next.get(e.topicPartition());
                next.put(e.topicPartition(), e.offset() + 1);
                liveFrom.merge(e.topicPartition().partition(), e.offset() + 1, Math::max);
                if (from != null && from <= e.offset()) {
                    cache.consumed(new HistoryCache.Chunk(e.topicPartition().partition(), from, e.offset() + 1, List.of()));
                }
            }
        }
    }

    /**
     * Dispatches one partition's records of a poll, then hands the cache what was consumed, up to the
     * consumer's position (past control records too, so that the cache's coverage keeps up when only
     * transaction markers arrived).
     */
    private void onPartition(TopicPartition partition, List<ConsumerRecord<String, CloudEvent>> records,
                             Map<TopicPartition, Long> next) {
        long from = next.get(partition);
        List<Delivery> deliveries = records.isEmpty() ? List.of() : new ArrayList<>(records.size());
        for (ConsumerRecord<String, CloudEvent> record : records) {
            liveFrom.put(partition.partition(), record.offset() + 1);
            Delivery delivery = onRecord(record);
            if (delivery != null) {
                deliveries.add(delivery);
            }
            next.put(partition, record.offset() + 1);
        }
        long to = Math.max(next.get(partition), consumer.position(partition));
        if (to > from) {
            next.put(partition, to);
            liveFrom.merge(partition.partition(), to, Math::max);
            cache.consumed(new HistoryCache.Chunk(partition.partition(), from, to, deliveries));
        }
    }

    /**
     * The offset of the partition from which this instance has not started dispatching yet (records below
     * it were dispatched, or precede this instance's start); -1 when its fan-out does not read the partition.
     */
    public long liveFrom(int partition) {
        return liveFrom.getOrDefault(partition, -1L);
    }

    /** Waits before a retry; returns at once when stop() was called. */
    private void pause() {
        try {
            stopping.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Delivery onRecord(ConsumerRecord<String, CloudEvent> record) {
        if (record.key() == null || record.value() == null) {
            undecodable.increment();
            return null;
        }
        received.increment();
        Delivery delivery = DeliveryFrames.toDelivery(record);
        hub.dispatch(delivery);
        return delivery;
    }

    /**
     * Stops the thread: wakes the consumer (its poll or metadata wait ends with a {@link WakeupException}) and
     * waits for the thread to close it. Only a thread still running after {@link #STOP_WAIT} is interrupted, since
     * interrupting a Kafka consumer's thread makes its calls, close included, fail with an {@link InterruptException}.
     */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, CloudEvent> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread worker = thread;
        if (worker == null) {
            return;
        }
        try {
            worker.join(STOP_WAIT);
            if (worker.isAlive()) {
                log.warn("The delivery fan-out did not stop within {}; interrupting it", STOP_WAIT);
                worker.interrupt();
                worker.join(STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the connections were closed (they stop in a later, higher phase first). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
