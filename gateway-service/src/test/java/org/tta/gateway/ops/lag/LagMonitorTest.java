package org.tta.gateway.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class LagMonitorTest {

    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    final List<LagReport> published = new ArrayList<>();

    @Test
    void reportsAGroupThatCannotBeReadAsErrorKeepingItsLastKnownPartitions() {
        FakeSource source = new FakeSource();
        LagMonitor monitor = monitor(source);
        source.offsets = new GroupOffsets("g", "STABLE", 1, Map.of(P0, 5L), Map.of(P0, 8L));
        monitor.evaluate();

        source.failure = new TimeoutException("coordinator not available");
        GroupLag group = monitor.evaluate().groups().getFirst();

        assertThat(group.status()).isEqualTo(GroupStatus.ERROR);
        assertThat(group.error()).isEqualTo("TimeoutException");
        assertThat(group.partitions()).singleElement().satisfies(p -> {
            assertThat(p.lagRecords()).isEqualTo(3);
            assertThat(p.status()).isEqualTo(GroupStatus.ERROR);
        });
        assertThat(published).hasSize(2);
    }

    @Test
    void reportsAnUnfetchableFirstRecordAsUnknownAgeNotAsZero() {
        FakeSource source = new FakeSource();
        source.offsets = new GroupOffsets("g", "STABLE", 1, Map.of(P0, 5L), Map.of(P0, 8L));
        source.timestamp = OptionalLong.empty();

        PartitionLag partition = monitor(source).evaluate().groups().getFirst().partitions().getFirst();

        assertThat(partition.lagSeconds()).isEqualTo(-1);
    }

    @Test
    void measuresSecondsFromTheFirstUnconsumedRecordAndZeroWhenIdle() {
        FakeSource source = new FakeSource();
        TopicPartition idle = new TopicPartition("t", 1);
        source.offsets = new GroupOffsets("g", "STABLE", 1, Map.of(P0, 5L, idle, 7L), Map.of(P0, 8L, idle, 7L));
        source.timestamp = OptionalLong.of(NOW.minusMillis(42_500).toEpochMilli());

        GroupLag group = monitor(source).evaluate().groups().getFirst();

        assertThat(group.partitions()).extracting(PartitionLag::partition, PartitionLag::lagRecords, PartitionLag::lagSeconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 3L, 42.5), org.assertj.core.groups.Tuple.tuple(1, 0L, 0.0));
        assertThat(source.fetchedOffsets).containsExactly(5L);
    }

    private LagMonitor monitor(LagSource source) {
        LagProperties properties = new LagProperties(true, List.of("g"), "", Duration.ofSeconds(30), 3,
                Duration.ofSeconds(5), 100);
        return new LagMonitor(source, properties, InstantSource.fixed(NOW), published::add);
    }

    static final class FakeSource implements LagSource {
        GroupOffsets offsets;
        RuntimeException failure;
        OptionalLong timestamp = OptionalLong.of(NOW.toEpochMilli());
        final List<Long> fetchedOffsets = new ArrayList<>();

        @Override
        public Collection<String> discoverGroups(String pattern) {
            return List.of();
        }

        @Override
        public GroupOffsets read(String group) {
            if (failure != null) {
                throw failure;
            }
            return offsets;
        }

        @Override
        public OptionalLong firstRecordTimestamp(TopicPartition partition, long offset) {
            fetchedOffsets.add(offset);
            return timestamp;
        }
    }
}
