package org.tta.gateway.ops.lag;

/**
 * Lag of one group on one partition at one evaluation.
 *
 * @param committedOffset the group's committed offset (the next record it will read)
 * @param endOffset the partition's end offset (log end) when evaluated
 * @param lagRecords {@code endOffset - committedOffset}, never negative
 * @param lagSeconds age of the first unconsumed record at evaluation time; 0 when nothing waits; -1 when the
 *                   record could not be fetched (deleted by retention, or the fetch timed out)
 */
public record PartitionLag(String topic, int partition, long committedOffset, long endOffset, long lagRecords,
                           double lagSeconds, GroupStatus status) {
}
