package org.tta.gateway.ops.lag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The last {@code size} evaluations of one group and the status they add up to, after Burrow's rules:
 * <ul>
 *   <li>a partition with nothing to read is {@code OK}, whatever came before (idle is not lagging);</li>
 *   <li>records waiting and no member in the group: {@code STOPPED} at once (nobody will ever read them);</li>
 *   <li>records waiting in every evaluation of a full window and the committed offset never moved:
 *       {@code STALLED} (members are there but make no progress);</li>
 *   <li>over a full window the offset moved, but the lag never shrank and ended higher than it began:
 *       {@code WARNING} (consuming slower than producing);</li>
 *   <li>otherwise {@code OK}.</li>
 * </ul>
 * Not thread-safe; the monitor calls it from its one thread.
 */
final class StatusWindow {

    private final int size;
    private final Deque<Map<TopicPartition, Sample>> samples = new ArrayDeque<>();

    StatusWindow(int size) {
        this.size = size;
    }

    /** Adds one evaluation (dropping the oldest beyond the window) and returns each partition's status. */
    Map<TopicPartition, GroupStatus> add(Map<TopicPartition, Sample> current, boolean groupHasMembers) {
        samples.addLast(Map.copyOf(current));
        while (samples.size() > size) {
            samples.removeFirst();
        }
        Map<TopicPartition, GroupStatus> statuses = new java.util.HashMap<>();
        current.forEach((partition, sample) -> statuses.put(partition, status(partition, sample, groupHasMembers)));
        return statuses;
    }

    private GroupStatus status(TopicPartition partition, Sample latest, boolean groupHasMembers) {
        if (latest.lag() <= 0) {
            return GroupStatus.OK;
        }
        if (!groupHasMembers) {
            return GroupStatus.STOPPED;
        }
        List<Sample> history = history(partition);
        if (history.size() < size) {
            return GroupStatus.OK;
        }
        Sample first = history.getFirst();
        boolean lagInEvery = history.stream().allMatch(sample -> sample.lag() > 0);
        boolean offsetNeverMoved = history.stream().allMatch(sample -> sample.committed() == first.committed());
        if (lagInEvery && offsetNeverMoved) {
            return GroupStatus.STALLED;
        }
        boolean neverShrank = true;
        for (int i = 1; i < history.size(); i++) {
            neverShrank &= history.get(i).lag() >= history.get(i - 1).lag();
        }
        if (neverShrank && latest.lag() > first.lag()) {
            return GroupStatus.WARNING;
        }
        return GroupStatus.OK;
    }

    private List<Sample> history(TopicPartition partition) {
        List<Sample> history = new ArrayList<>(samples.size());
        for (Map<TopicPartition, Sample> evaluation : samples) {
            Sample sample = evaluation.get(partition);
            if (sample != null) {
                history.add(sample);
            }
        }
        return history;
    }

    /** One partition at one evaluation. */
    record Sample(long committed, long lag) {
    }
}
