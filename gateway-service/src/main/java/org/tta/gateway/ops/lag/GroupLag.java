package org.tta.gateway.ops.lag;

import java.util.List;

/**
 * Lag of one consumer group at one evaluation.
 *
 * @param state the group state the coordinator reports (STABLE, EMPTY, DEAD, ...), UNKNOWN when unread
 * @param members number of members in the group
 * @param status the worst status of its partitions, or ERROR / STOPPED for the group as a whole
 * @param error why the group could not be read, null otherwise
 */
public record GroupLag(String group, String state, int members, GroupStatus status, long totalLagRecords,
                       double maxLagSeconds, List<PartitionLag> partitions, String error) {
}
