package org.tta.router.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.router.webhook.WebhookJob;

/**
 * One life of the routing loop's Kafka clients: {@code poll -> route -> queue webhook jobs on their
 * lanes -> (gather: one more short poll, routed the same way) -> drain completions -> commit finished
 * prefixes when the cadence says -> pause/resume},
 * until stopped or a transaction fails. The loop never waits for a webhook: it keeps polling (with a
 * short timeout while jobs are in flight, and no longer than until the next commit is due while
 * finished records wait), so a long retry budget neither holds other sessions back nor risks
 * {@code max.poll.interval.ms}. A revocation and a stop commit what is finished whatever the
 * cadence. Also the rebalance listener: runs on the loop thread inside {@code poll}.
 */
final class RoutingRun implements ConsumerRebalanceListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingRun.class);

    private final Consumer<String, byte[]> consumer;
    private final RecordRouter router;
    private final Lanes lanes;
    private final PartitionBounds bounds;
    private final ProgressCommitter committer;
    private final CommitCadence cadence;
    private final LoopGauges gauges;
    private final Duration pollTimeout;
    private final Duration busyPollTimeout;
    private final Duration gatherTimeout;
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    /** Finished records held after the last {@link #settle}: routed, every job ended, offset not committed. */
    private int waiting;
    private boolean closing;

    RoutingRun(Consumer<String, byte[]> consumer, RecordRouter router, Lanes lanes, PartitionBounds bounds,
            ProgressCommitter committer, CommitCadence cadence, LoopGauges gauges, Duration pollTimeout,
            Duration busyPollTimeout, Duration gatherTimeout) {
        this.consumer = consumer;
        this.router = router;
        this.lanes = lanes;
        this.bounds = bounds;
        this.committer = committer;
        this.cadence = cadence;
        this.gauges = gauges;
        this.pollTimeout = pollTimeout;
        this.busyPollTimeout = busyPollTimeout;
        this.gatherTimeout = gatherTimeout;
    }

    /** Routes until {@code running} turns false (then commits what is finished) or a transaction fails (throws). */
    void run(List<String> topics, BooleanSupplier running) {
        consumer.subscribe(topics, this);
        while (running.getAsBoolean()) {
            ConsumerRecords<String, byte[]> records =
                    poll(cadence.pollTimeout(lanes.busy() ? busyPollTimeout : pollTimeout, waiting));
            route(records);
            if (!records.isEmpty() && gatherTimeout.isPositive()) {
                gather();
            }
            settle(false);
            bounds.apply(consumer, progress.values(), lanes);
        }
        commitFinishedOnStop();
    }

    private ConsumerRecords<String, byte[]> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    /**
     * One more short poll before the commit. The consumer fetches only inside {@code poll}, one fetch
     * at a time: the records that became readable while the last transaction ran, after the fetch that
     * the poll just drained had returned, are fetched only by that poll. Routed now, they join this
     * commit's transaction instead of waiting for it and then for their own. The bounds are applied
     * first, so the overshoot stays one poll.
     */
    private void gather() {
        bounds.apply(consumer, progress.values(), lanes);
        route(poll(gatherTimeout));
    }

    private void route(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            PartitionProgress held = progress.computeIfAbsent(partition, PartitionProgress::new);
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                RecordRouter.Routed routed = router.route(record);
                PendingRecord pending = held.add(record.offset(), record.key(), routed.outputs(), routed.jobs().size());
                for (WebhookJob job : routed.jobs()) {
                    lanes.submit(pending, job);
                }
            }
        }
    }

    /** Applies the webhook outcomes posted so far, then commits every finished prefix if a commit is due or forced. */
    private void settle(boolean force) {
        for (Lane.Completion done : lanes.drain()) {
            if (done.crash() != null) {
                throw new IllegalStateException("webhook lane failed", done.crash());
            }
            PendingRecord record = done.record();
            if (record.live()) {
                record.jobEnded(done.failure() == null ? null : router.deadLetter(record, done.failure()));
            }
        }
        waiting = 0;
        for (PartitionProgress held : progress.values()) {
            waiting += held.finishedPrefix();
        }
        if (waiting > 0 && (force || cadence.due(waiting))) {
            cadence.committed();
            if (committer.commit(progress.values(), consumer.groupMetadata()) > 0) {
                gauges.committed();
            }
            waiting = 0;
        }
        int pending = 0;
        for (PartitionProgress held : progress.values()) {
            pending += held.pending();
        }
        gauges.pending(pending);
    }

    private void commitFinishedOnStop() {
        try {
            settle(true);
        } catch (KafkaException | ProgressCommitter.TransactionFailed e) {
            // Nothing is lost: the unfinished and uncommitted records are routed again by the next owner.
            log.warn("Finished records not committed at stop error={}", e.getClass().getSimpleName());
        }
    }

    /** Before a rebalance takes partitions away: commit what is finished, then cancel and forget theirs. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!closing) {
            settle(true);
        }
        drop(partitions);
    }

    /** Partitions lost (the group moved on without us): nothing may be committed for them. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Progress starts with the first record polled from the committed offset.
    }

    private void drop(Collection<TopicPartition> partitions) {
        lanes.cancel(partitions);
        bounds.forget(partitions);
        for (TopicPartition partition : partitions) {
            PartitionProgress held = progress.remove(partition);
            if (held != null) {
                held.drop();
            }
        }
    }

    /** Cancels every lane; called before the producer and the consumer close, so closing commits nothing. */
    @Override
    public void close() {
        closing = true;
        lanes.close();
        progress.values().forEach(PartitionProgress::drop);
    }
}
