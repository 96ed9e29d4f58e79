package org.tta.router.dispatch;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.kafka.common.TopicPartition;
import org.tta.router.webhook.WebhookDispatcher;
import org.tta.router.webhook.WebhookFailure;
import org.tta.router.webhook.WebhookJob;

/**
 * A FIFO of webhook jobs worked by one virtual thread: each job is delivered to success or dead
 * letter (retries included) before the next starts, so one session's events reach an ordered
 * subscriber in order. The worker posts every outcome to the loop's completion queue and moves on
 * without waiting for the loop. {@link #outstanding} is the loop's count of jobs added and not yet
 * drained as completions.
 */
final class Lane {

    /** An outcome of one job: {@code failure} null when delivered; {@code crash} set when the delivery code broke. */
    record Completion(Lane lane, PendingRecord record, WebhookJob job, WebhookFailure failure, RuntimeException crash) {
    }

    private record Task(PendingRecord record, WebhookJob job) {
    }

    private static final Task STOP = new Task(null, null);

    private final Object key;
    private final TopicPartition partition;
    private final BlockingQueue<Task> queue;
    private final Thread worker;
    private int outstanding;
    private volatile boolean cancelled;

    Lane(Object key, TopicPartition partition, int capacity, WebhookDispatcher webhooks,
            BlockingQueue<Completion> completions) {
        this.key = key;
        this.partition = partition;
        this.queue = new LinkedBlockingQueue<>(capacity + 1);
        this.worker = Thread.ofVirtual().name("router-lane").start(() -> work(webhooks, completions));
    }

    Object key() {
        return key;
    }

    TopicPartition partition() {
        return partition;
    }

    /** Loop thread. Fails (IllegalStateException) past the capacity, which the loop's pause keeps it under. */
    void add(PendingRecord record, WebhookJob job) {
        queue.add(new Task(record, job));
        outstanding++;
    }

    /** Loop thread: a completion of this lane was drained; returns the jobs still outstanding. */
    int ended() {
        return --outstanding;
    }

    int outstanding() {
        return outstanding;
    }

    /** Loop thread: no job is outstanding and none will be added; the worker ends. */
    void stop() {
        queue.add(STOP);
    }

    /** Loop thread: drops the queued jobs and interrupts the one in flight (a blocking HTTP call or a backoff wait). */
    void cancel() {
        cancelled = true;
        queue.clear();
        worker.interrupt();
    }

    boolean cancelled() {
        return cancelled;
    }

    private void work(WebhookDispatcher webhooks, BlockingQueue<Completion> completions) {
        while (true) {
            Task task;
            Completion done;
            try {
                task = queue.take();
                if (task == STOP) {
                    return;
                }
                Optional<WebhookFailure> failure = webhooks.deliver(task.job());
                done = new Completion(this, task.record(), task.job(), failure.orElse(null), null);
            } catch (InterruptedException e) {
                if (cancelled) {
                    // The partition was revoked or the loop stopped: nothing is posted for the job in flight.
                    return;
                }
                // Not a cancel (a subscriber's rate-limit wait ran out): the loop starts afresh from the
                // committed offsets rather than leave this record open for good.
                completions.add(new Completion(this, null, null, null, new IllegalStateException("delivery interrupted", e)));
                return;
            } catch (RuntimeException e) {
                done = new Completion(this, null, null, null, e);
            }
            completions.add(done);
        }
    }
}
