package org.tta.gateway.ops.lag;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the cluster says about one group at one moment: its committed offsets and the end offsets of the same
 * partitions.
 */
record GroupOffsets(String group, String state, int members, Map<TopicPartition, Long> committed,
                    Map<TopicPartition, Long> end) {

    boolean hasNoMembers() {
        return members == 0;
    }
}
