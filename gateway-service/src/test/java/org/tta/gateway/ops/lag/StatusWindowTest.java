package org.tta.gateway.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatusWindowTest {

    static final TopicPartition P0 = new TopicPartition("t", 0);

    /** committed offsets and lags of successive evaluations, members present or not, and the status after the last. */
    record Case(String name, long[] committed, long[] lag, boolean members, GroupStatus expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("idle partition is OK", new long[]{5, 5, 5}, new long[]{0, 0, 0}, true, GroupStatus.OK),
                new Case("idle partition without members is still OK", new long[]{5, 5, 5}, new long[]{0, 0, 0}, false, GroupStatus.OK),
                new Case("lag without members is STOPPED at once", new long[]{5}, new long[]{3}, false, GroupStatus.STOPPED),
                new Case("window not full yet is OK", new long[]{5, 5}, new long[]{3, 3}, true, GroupStatus.OK),
                new Case("offset not moving with lag is STALLED", new long[]{5, 5, 5}, new long[]{3, 3, 4}, true, GroupStatus.STALLED),
                new Case("lag growing while committing is WARNING", new long[]{5, 6, 7}, new long[]{3, 3, 5}, true, GroupStatus.WARNING),
                new Case("lag that shrank once is OK", new long[]{5, 6, 7}, new long[]{3, 2, 5}, true, GroupStatus.OK),
                new Case("steady lag while committing is OK", new long[]{5, 6, 7}, new long[]{3, 3, 3}, true, GroupStatus.OK),
                new Case("caught up after a stall is OK", new long[]{5, 5, 8}, new long[]{3, 3, 0}, true, GroupStatus.OK),
                new Case("only the last window counts", new long[]{5, 5, 5, 6, 7}, new long[]{3, 3, 3, 2, 1}, true, GroupStatus.OK));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void evaluatesThePartitionOverTheWindow(Case c) {
        StatusWindow window = new StatusWindow(3);
        Map<TopicPartition, GroupStatus> statuses = Map.of();
        for (int i = 0; i < c.committed().length; i++) {
            statuses = window.add(Map.of(P0, new StatusWindow.Sample(c.committed()[i], c.lag()[i])), c.members());
        }
        assertThat(statuses).containsEntry(P0, c.expected());
    }

    @Test
    void aPartitionMissingFromSomeEvaluationsNeedsAFullWindowOfItsOwn() {
        StatusWindow window = new StatusWindow(3);
        TopicPartition other = new TopicPartition("t", 1);
        window.add(Map.of(other, new StatusWindow.Sample(0, 1)), true);
        window.add(Map.of(other, new StatusWindow.Sample(0, 1)), true);
        Map<TopicPartition, GroupStatus> statuses =
                window.add(Map.of(P0, new StatusWindow.Sample(1, 9), other, new StatusWindow.Sample(0, 1)), true);
        assertThat(statuses).containsEntry(P0, GroupStatus.OK).containsEntry(other, GroupStatus.STALLED);
    }
}
