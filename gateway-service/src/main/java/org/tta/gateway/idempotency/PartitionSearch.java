package org.tta.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.gateway.publish.IdempotencyHeader;
import org.tta.gateway.publish.Published;

/**
 * One lookup, blocking, bounded by {@code deadline}: where the expected records would be (the key's partition, as
 * the producer's default partitioner chose it), the end of each partition NOW including undecided transactions, and
 * a {@code read_committed} read from the first record at or after {@code from} until every expected record was found
 * or the read reached that end. Reaching it means every transaction with a record below it was decided (the
 * committed end has passed it), so "not found" is final for any write appended before the lookup began.
 */
final class PartitionSearch {

    private static final Logger log = LoggerFactory.getLogger(PartitionSearch.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String tag;
    private final List<ExpectedRecord> expected;
    private final long deadline;

    PartitionSearch(Admin admin, KafkaConsumer<String, byte[]> consumer, String tag, List<ExpectedRecord> expected,
                    long deadline) {
        this.admin = admin;
        this.consumer = consumer;
        this.tag = tag;
        this.expected = expected;
        this.deadline = deadline;
    }

    WriteLookup.Outcome run(Instant from) throws Exception {
        Map<ExpectedRecord, TopicPartition> partitions = partitions();
        Set<TopicPartition> searched = Set.copyOf(partitions.values());
        Map<TopicPartition, Long> ends = offsets(searched, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(searched, OffsetSpec.forTimestamp(from.toEpochMilli()));
        consumer.assign(searched);
        for (TopicPartition partition : searched) {
            long start = starts.get(partition);
            consumer.seek(partition, start < 0 ? ends.get(partition) : start);
        }
        Map<ExpectedRecord, FoundRecord> found = new HashMap<>();
        while (found.size() < expected.size() && !reached(ends)) {
            if (remainingNanos() <= 0) {
                return new WriteLookup.Outcome.Unknown("timeout");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTime())) {
                match(record, partitions, found);
            }
        }
        return decide(found);
    }

    private WriteLookup.Outcome decide(Map<ExpectedRecord, FoundRecord> found) {
        if (found.isEmpty()) {
            return new WriteLookup.Outcome.NotFound();
        }
        if (found.size() < expected.size()) {
            // One transaction holds them all; a part can only mean a record moved (partitions added) or a bug.
            log.warn("Idempotency lookup found {} of {} records of one write", found.size(), expected.size());
            return new WriteLookup.Outcome.Unknown("partial");
        }
        return new WriteLookup.Outcome.Found(expected.stream().map(found::get).toList());
    }

    private void match(ConsumerRecord<String, byte[]> record, Map<ExpectedRecord, TopicPartition> partitions,
                       Map<ExpectedRecord, FoundRecord> found) {
        int index = IdempotencyHeader.indexOf(record.headers().lastHeader(IdempotencyHeader.NAME), tag);
        if (index < 0) {
            return;
        }
        for (ExpectedRecord wanted : expected) {
            if (wanted.index() == index && wanted.topic().equals(record.topic())
                    && partitions.get(wanted).partition() == record.partition()) {
                found.putIfAbsent(wanted, new FoundRecord(wanted,
                        new Published(record.topic(), record.partition(), record.offset()), eventId(record)));
            }
        }
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return deserializer.deserialize(record.topic(), record.headers(), record.value()).getId();
        }
    }

    /** The partition of each expected record: Kafka's default partitioner, murmur2 of the UTF-8 key. */
    private Map<ExpectedRecord, TopicPartition> partitions() throws Exception {
        Set<String> topics = expected.stream().map(ExpectedRecord::topic).collect(Collectors.toCollection(TreeSet::new));
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(remainingMillis(), TimeUnit.MILLISECONDS);
        Map<ExpectedRecord, TopicPartition> out = new LinkedHashMap<>();
        for (ExpectedRecord record : expected) {
            int count = descriptions.get(record.topic()).partitions().size();
            int partition = Utils.toPositive(Utils.murmur2(record.key().getBytes(StandardCharsets.UTF_8))) % count;
            out.put(record, new TopicPartition(record.topic(), partition));
        }
        return out;
    }

    /** Offsets as the broker knows them, undecided transactions included (the latest offset is the log end). */
    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request,
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(remainingMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((partition, info) -> out.put(partition, info.offset()));
        return out;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), Duration.ofMillis(remainingMillis())) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Duration pollTime() {
        return Duration.ofMillis(Math.min(POLL.toMillis(), remainingMillis()));
    }

    private long remainingMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos()));
    }

    private long remainingNanos() {
        return deadline - System.nanoTime();
    }
}
