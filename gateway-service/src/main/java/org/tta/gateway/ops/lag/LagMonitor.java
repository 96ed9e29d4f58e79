package org.tta.gateway.ops.lag;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the lag of every monitored consumer group: records from the AdminClient, seconds from the timestamp of
 * the first unconsumed record, a status from the sliding window. Evaluations are serialised; the scheduler runs
 * them on a thread of their own, never on an event loop, and {@link #current()} never blocks.
 */
public final class LagMonitor {

    private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

    private final LagSource source;
    private final LagProperties properties;
    private final InstantSource clock;
    private final Consumer<LagReport> listener;
    private final Map<String, StatusWindow> windows = new HashMap<>();
    private final AtomicReference<LagReport> current = new AtomicReference<>(LagReport.EMPTY);

    LagMonitor(LagSource source, LagProperties properties, InstantSource clock, Consumer<LagReport> listener) {
        this.source = source;
        this.properties = properties;
        this.clock = clock;
        this.listener = listener;
    }

    /** The last evaluation, {@link LagReport#EMPTY} before the first. */
    public LagReport current() {
        return current.get();
    }

    /** Reads the cluster now (blocking, bounded by the request timeout per call) and publishes the report. */
    public synchronized LagReport evaluate() {
        List<GroupLag> groups = new ArrayList<>();
        for (String group : groups()) {
            groups.add(evaluate(group));
        }
        groups.sort(Comparator.comparing(GroupLag::group));
        LagReport report = new LagReport(clock.instant(), List.copyOf(groups));
        current.set(report);
        listener.accept(report);
        return report;
    }

    private Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>(properties.groups());
        if (!properties.discoverPattern().isBlank()) {
            try {
                groups.addAll(source.discoverGroups(properties.discoverPattern()));
            } catch (Exception e) {
                log.warn("Consumer group discovery failed: {}", e.toString());
            }
        }
        return groups;
    }

    private GroupLag evaluate(String group) {
        GroupOffsets offsets;
        try {
            offsets = source.read(group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(group, e);
        } catch (Exception e) {
            return failed(group, e);
        }
        Instant now = clock.instant();
        Map<TopicPartition, StatusWindow.Sample> samples = new HashMap<>();
        offsets.committed().forEach((partition, committed) -> {
            long end = offsets.end().getOrDefault(partition, committed);
            samples.put(partition, new StatusWindow.Sample(committed, Math.max(0, end - committed)));
        });
        Map<TopicPartition, GroupStatus> statuses = windows
                .computeIfAbsent(group, g -> new StatusWindow(properties.window()))
                .add(samples, !offsets.hasNoMembers());
        List<PartitionLag> partitions = new ArrayList<>();
        GroupStatus status = GroupStatus.OK;
        long total = 0;
        double maxSeconds = 0;
        for (var entry : samples.entrySet()) {
            TopicPartition partition = entry.getKey();
            StatusWindow.Sample sample = entry.getValue();
            double seconds = lagSeconds(partition, sample, now);
            GroupStatus partitionStatus = statuses.get(partition);
            partitions.add(new PartitionLag(partition.topic(), partition.partition(), sample.committed(),
                    sample.committed() + sample.lag(), sample.lag(), seconds, partitionStatus));
            status = status.worst(partitionStatus);
            total += sample.lag();
            maxSeconds = Math.max(maxSeconds, seconds);
        }
        partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return new GroupLag(group, offsets.state(), offsets.members(), status, total, maxSeconds,
                List.copyOf(partitions), null);
    }

    /** Seconds since the first unconsumed record was written; 0 when nothing waits, -1 when unknown. */
    private double lagSeconds(TopicPartition partition, StatusWindow.Sample sample, Instant now) {
        if (sample.lag() == 0) {
            return 0;
        }
        OptionalLong timestamp = source.firstRecordTimestamp(partition, sample.committed());
        if (timestamp.isEmpty()) {
            return -1;
        }
        return Math.max(0, now.toEpochMilli() - timestamp.getAsLong()) / 1000.0;
    }

    private GroupLag failed(String group, Exception e) {
        log.warn("Lag of consumer group {} could not be read: {}", group, e.toString());
        GroupLag previous = current.get().groups().stream().filter(g -> g.group().equals(group)).findFirst().orElse(null);
        List<PartitionLag> partitions = previous == null ? List.of() : previous.partitions().stream()
                .map(p -> new PartitionLag(p.topic(), p.partition(), p.committedOffset(), p.endOffset(),
                        p.lagRecords(), p.lagSeconds(), GroupStatus.ERROR))
                .toList();
        long total = partitions.stream().mapToLong(PartitionLag::lagRecords).sum();
        double maxSeconds = partitions.stream().mapToDouble(PartitionLag::lagSeconds).max().orElse(0);
        return new GroupLag(group, "UNKNOWN", 0, GroupStatus.ERROR, total, maxSeconds, partitions,
                e.getClass().getSimpleName());
    }
}
