package org.tta.gateway.realtime.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tta.gateway.realtime.SessionHub;

/**
 * Reads every partition of {@code tta.deliveries.v1} from the end (live only: older events are a
 * resume's business) on one thread of its own and hands each record to the {@link SessionHub}, which
 * pushes it to this instance's connections of that session. Steps: poll -> render once -> dispatch.
 * A record that is not a CloudEvent is skipped and counted.
 */
@Component
public class DeliveryFanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFanout.class);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(30);

    private final DeliveryConsumers consumers;
    private final SessionHub hub;
    private final Counter received;
    private final Counter undecodable;
    private volatile KafkaConsumer<String, CloudEvent> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    DeliveryFanout(DeliveryConsumers consumers, SessionHub hub, MeterRegistry meters) {
        this.consumers = consumers;
        this.hub = hub;
        this.received = meters.counter("tta.gateway.realtime.deliveries", "outcome", "received");
        this.undecodable = meters.counter("tta.gateway.realtime.deliveries", "outcome", "undecodable");
    }

    @Override
    public void start() {
        consumer = consumers.create("fanout-" + UUID.randomUUID(), 500);
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now: an event written after start-up is never missed
        running = true;
        thread = Thread.ofPlatform().name("realtime-fanout").daemon().start(this::run);
    }

    private List<TopicPartition> partitions() {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(consumers.topic(), Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + consumers.topic() + " does not exist");
            }
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                        onRecord(record);
                    }
                } catch (RecordDeserializationException e) {
                    undecodable.increment();
                    log.warn("Skipped an undecodable delivery at {}@{}", e.topicPartition(), e.offset());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            log.error("The delivery fan-out stopped", e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void onRecord(ConsumerRecord<String, CloudEvent> record) {
        if (record.key() == null || record.value() == null) {
            undecodable.increment();
            return;
        }
        received.increment();
        hub.dispatch(DeliveryFrames.toDelivery(record));
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, CloudEvent> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread worker = thread;
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
