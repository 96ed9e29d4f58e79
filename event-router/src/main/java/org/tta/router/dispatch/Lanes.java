package org.tta.router.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.kafka.common.TopicPartition;
import org.tta.router.webhook.WebhookDispatcher;
import org.tta.router.webhook.WebhookJob;

/**
 * The webhook lanes of one routing run. An {@code ordered} subscription's jobs for one
 * (subscription, partition, key) share a lane (per-session order under retries); an
 * {@code unordered} job is a lane of its own. Lanes run in parallel; subscriber gates and breakers
 * apply inside {@link WebhookDispatcher}. A lane is dropped when its last outstanding job was
 * drained. Everything but the completion queue is owned by the loop thread.
 *
 * <p>Bounds: a lane holds at most {@code maxQueuedPerSession + maxPollRecords} jobs (the loop pauses
 * the partition at {@code maxQueuedPerSession}, and one poll may overshoot); the completion queue
 * holds at most the jobs submitted and not drained, which the pauses bound.
 */
final class Lanes implements AutoCloseable {

    private record LaneKey(String subscription, TopicPartition partition, String key) {
    }

    private final WebhookDispatcher webhooks;
    private final int maxQueuedPerSession;
    private final int capacity;
    private final LoopGauges gauges;
    private final Map<Object, Lane> lanes = new HashMap<>();
    private final Map<TopicPartition, Integer> fullLanes = new HashMap<>();
    private final BlockingQueue<Lane.Completion> completions = new LinkedBlockingQueue<>();
    private int outstanding;

    Lanes(WebhookDispatcher webhooks, int maxQueuedPerSession, int maxPollRecords, LoopGauges gauges) {
        this.webhooks = webhooks;
        this.maxQueuedPerSession = maxQueuedPerSession;
        this.capacity = maxQueuedPerSession + maxPollRecords;
        this.gauges = gauges;
    }

    /** Queues {@code job} of {@code record} on its lane, starting the lane if it has none. */
    void submit(PendingRecord record, WebhookJob job) {
        TopicPartition partition = record.partition();
        Object key = job.route().subscription().config().unordered() ? new Object()
                : new LaneKey(job.route().id(), partition, job.key());
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane(k, partition, capacity, webhooks, completions));
        lane.add(record, job);
        if (lane.outstanding() == maxQueuedPerSession) {
            fullLanes.merge(partition, 1, Integer::sum);
        }
        outstanding++;
        gauges.lanes(lanes.size());
    }

    /** Whether any job is queued or in flight. */
    boolean busy() {
        return outstanding > 0;
    }

    /** Whether a lane of {@code partition} holds {@code maxQueuedPerSession} jobs or more. */
    boolean full(TopicPartition partition) {
        return fullLanes.containsKey(partition);
    }

    /** The completions posted so far, without waiting; those of cancelled lanes are left out. */
    List<Lane.Completion> drain() {
        List<Lane.Completion> posted = new ArrayList<>();
        completions.drainTo(posted);
        List<Lane.Completion> live = new ArrayList<>(posted.size());
        for (Lane.Completion completion : posted) {
            Lane lane = completion.lane();
            if (lane.cancelled()) {
                continue;
            }
            outstanding--;
            if (lane.outstanding() == maxQueuedPerSession) {
                fullLanes.computeIfPresent(lane.partition(), (p, n) -> n == 1 ? null : n - 1);
            }
            if (lane.ended() == 0) {
                lanes.remove(lane.key());
                lane.stop();
            }
            live.add(completion);
        }
        gauges.lanes(lanes.size());
        return live;
    }

    /** Cancels the lanes of {@code partitions} (revoked or lost): queued jobs dropped, jobs in flight interrupted. */
    void cancel(Collection<TopicPartition> partitions) {
        for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext();) {
            Lane lane = it.next();
            if (partitions.contains(lane.partition())) {
                outstanding -= lane.outstanding();
                lane.cancel();
                it.remove();
            }
        }
        partitions.forEach(fullLanes::remove);
        gauges.lanes(lanes.size());
    }

    /** Cancels every lane. */
    @Override
    public void close() {
        lanes.values().forEach(Lane::cancel);
        lanes.clear();
        fullLanes.clear();
        outstanding = 0;
        gauges.lanes(0);
    }
}
