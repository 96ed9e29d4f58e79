package org.tta.gateway.ops.lag;

import java.util.Collection;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/** Reads offsets and record timestamps from the cluster. Called from the monitor's own thread only. */
interface LagSource {

    /** Names of the groups matching {@code pattern} that exist on the cluster. */
    Collection<String> discoverGroups(String pattern) throws Exception;

    /** Committed offsets of the group and the end offsets of those partitions, read as close together as possible. */
    GroupOffsets read(String group) throws Exception;

    /** Timestamp (ms) of the first record at or after {@code offset}, empty if none could be fetched in time. */
    OptionalLong firstRecordTimestamp(TopicPartition partition, long offset);
}
