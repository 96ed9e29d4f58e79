package org.tta.router.dispatch;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Back-pressure on the input: a partition that holds {@code maxPendingPerPartition} routed records
 * or more, or has a lane with {@code maxQueuedPerSession} jobs or more, is paused (the consumer
 * stops fetching it, the loop keeps polling) and resumed once under both bounds. The overshoot is at
 * most one poll. Loop thread only.
 */
final class PartitionBounds {

    private final int maxPendingPerPartition;
    private final LoopGauges gauges;
    private final Set<TopicPartition> paused = new HashSet<>();

    PartitionBounds(int maxPendingPerPartition, LoopGauges gauges) {
        this.maxPendingPerPartition = maxPendingPerPartition;
        this.gauges = gauges;
    }

    /** Pauses or resumes each partition with routed records as the bounds say. */
    void apply(Consumer<?, ?> consumer, Collection<PartitionProgress> partitions, Lanes lanes) {
        for (PartitionProgress progress : partitions) {
            TopicPartition partition = progress.partition();
            boolean over = progress.pending() >= maxPendingPerPartition || lanes.full(partition);
            if (over && paused.add(partition)) {
                consumer.pause(List.of(partition));
            } else if (!over && paused.remove(partition)) {
                consumer.resume(List.of(partition));
            }
        }
        gauges.paused(paused.size());
    }

    /** The partitions were revoked or lost: the consumer forgot their pause, and so does this. */
    void forget(Collection<TopicPartition> partitions) {
        paused.removeAll(partitions);
        gauges.paused(paused.size());
    }
}
