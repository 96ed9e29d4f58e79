package org.tta.router.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the dead-letter topics for the ops API: a fresh consumer without a group scans from the
 * beginning up to the end offsets seen at the start. A letter followed by its redrive marker
 * ({@link #redrivenMarker}) is no longer pending and is not returned. Bounded: at most {@code maxScanned} records
 * are read and {@code limit} returned. Blocking; call it off the event loop.
 */
public final class DeadLetterStore {

    private final List<String> topics;
    private final Map<String, Object> config;
    private final int maxScanned;

    public DeadLetterStore(List<String> topics, Map<String, Object> consumerBase, int maxScanned) {
        this.topics = List.copyOf(topics);
        this.maxScanned = maxScanned;
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.config = config;
    }

    /**
     * Letters still pending (not redriven) whose subscription header equals {@code subscription}
     * (null: every letter), oldest first per partition.
     */
    public List<ConsumerRecord<String, byte[]>> find(String subscription, int limit) {
        Predicate<ConsumerRecord<String, byte[]>> wanted = r -> subscription == null
                || subscription.equals(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SUBSCRIPTION));
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        Set<String> redriven = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            int scanned = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // A marker comes after its letter, so the scan reads to the end before choosing.
            while (scanned < maxScanned && System.nanoTime() < deadline
                    && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    scanned++;
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    String of = DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.REDRIVEN_OF);
                    if (of != null) {
                        redriven.add(record.topic() + ":" + of);
                    } else if (wanted.test(record)) {
                        letters.add(record);
                    }
                }
            }
        }
        return letters.stream().filter(r -> !redriven.contains(r.topic() + ":" + r.partition() + ":" + r.offset()))
                .limit(limit).toList();
    }

    /** The marker that takes {@code letter} off the pending list: same topic and key, no value. */
    public static ProducerRecord<String, byte[]> redrivenMarker(ConsumerRecord<String, byte[]> letter, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REDRIVEN_OF,
                (letter.partition() + ":" + letter.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.TIME, at.toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(letter.topic(), letter.partition(), letter.key(), null, headers);
    }

    /** The listing view of a record. */
    public static DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        var h = record.headers();
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                DeadLetterHeaders.get(h, "ce_id"), DeadLetterHeaders.get(h, "ce_type"),
                DeadLetterHeaders.get(h, DeadLetterHeaders.SUBSCRIPTION), integer(DeadLetterHeaders.get(h, DeadLetterHeaders.STATUS)),
                integer(DeadLetterHeaders.get(h, DeadLetterHeaders.ATTEMPTS)), DeadLetterHeaders.get(h, DeadLetterHeaders.ERROR),
                DeadLetterHeaders.get(h, DeadLetterHeaders.TIME));
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
