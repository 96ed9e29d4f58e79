package org.tta.gateway.ops.lag;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The AdminClient view of a group, the same one {@code kafka-consumer-groups --describe} computes
 * ({@code listConsumerGroupOffsets} against {@code listOffsets(latest)}), plus the timestamp of the first
 * unconsumed record, fetched by a consumer of its own assigned to the partition at the committed offset (no group,
 * no commits). Not thread-safe: the Kafka consumer is used from the monitor's single thread only.
 */
final class KafkaLagSource implements LagSource, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    /** A record's timestamp never changes, so (partition, offset) keys it for as long as the cache keeps it. */
    private final Cache<TimestampKey, Long> timestamps;

    KafkaLagSource(Map<String, Object> clientConfig, Duration timeout, int timestampCacheSize) {
        this.timeout = timeout;
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.put("client.id", "tta-lag-monitor-admin");
        adminConfig.put("request.timeout.ms", (int) timeout.toMillis());
        adminConfig.put("default.api.timeout.ms", (int) timeout.toMillis());
        this.admin = Admin.create(adminConfig);
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "tta-lag-monitor-fetch");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        consumerConfig.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.timestamps = Caffeine.newBuilder().maximumSize(timestampCacheSize).build();
    }

    @Override
    public Collection<String> discoverGroups(String pattern) throws Exception {
        Pattern regex = Pattern.compile(pattern);
        return admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .stream().map(GroupListing::groupId).filter(id -> regex.matcher(id).matches()).toList();
    }

    @Override
    public GroupOffsets read(String group) throws Exception {
        String state = "UNKNOWN";
        int members = 0;
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            state = description.groupState().name();
            members = description.members().size();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            state = "DEAD";
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
                latest.put(partition, OffsetSpec.latest());
            }
        });
        Map<TopicPartition, Long> end = new HashMap<>();
        if (!latest.isEmpty()) {
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            ends.forEach((partition, info) -> end.put(partition, info.offset()));
        }
        return new GroupOffsets(group, state, members, committed, end);
    }

    @Override
    public OptionalLong firstRecordTimestamp(TopicPartition partition, long offset) {
        TimestampKey key = new TimestampKey(partition, offset);
        Long cached = timestamps.getIfPresent(key);
        if (cached != null) {
            return OptionalLong.of(cached);
        }
        OptionalLong fetched = fetch(partition, offset);
        fetched.ifPresent(timestamp -> timestamps.put(key, timestamp));
        return fetched;
    }

    private OptionalLong fetch(TopicPartition partition, long offset) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                    return OptionalLong.of(record.timestamp());
                }
            }
            return OptionalLong.empty();
        } catch (RuntimeException e) {
            // Offset out of range (retention deleted it) and the like: the age is unknown, not zero.
            return OptionalLong.empty();
        } finally {
            consumer.unsubscribe();
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(timeout));
        admin.close(timeout);
    }

    private record TimestampKey(TopicPartition partition, long offset) {
    }
}
