package org.tta.gateway.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue of publish requests, and the gathering of requests into batches.
 *
 * <p>Ordering: one committer at a time holds the {@link #sendTurn() send turn}; it gathers a batch
 * and sends it, and only releases the turn once the broker acknowledged every record of it (before
 * the commit). So batches reach the log in queue order and a key's records keep their order, even
 * with several committers whose commits overlap. Thread-safe.
 */
final class BatchQueue {

    private final BlockingQueue<PendingPublish> queue;
    private final int capacity;
    private final int maxBatchRecords;
    private final long lingerNanos;
    private final ReentrantLock sendTurn = new ReentrantLock(true);
    private final PublishMetrics metrics;
    /** A request that did not fit into the previous batch; first of the next one. Guarded by sendTurn. */
    private volatile PendingPublish carried;

    BatchQueue(int capacity, int maxBatchRecords, Duration maxLinger, PublishMetrics metrics) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.maxBatchRecords = maxBatchRecords;
        this.lingerNanos = maxLinger.toNanos();
        this.metrics = metrics;
    }

    /** False when the queue is full: the caller sheds the request. Never blocks. */
    boolean offer(PendingPublish request) {
        return queue.offer(request);
    }

    int depth() {
        return queue.size();
    }

    int capacity() {
        return capacity;
    }

    boolean isEmpty() {
        return queue.isEmpty() && carried == null;
    }

    ReentrantLock sendTurn() {
        return sendTurn;
    }

    /**
     * Gathers the next batch; call with the send turn held. Waits up to {@code idle} for a first
     * request, then up to the linger time for more, until {@code maxBatchRecords} would be exceeded.
     * A request is never split: one larger than the limit makes a batch alone. Requests whose caller
     * already gave up are dropped here, unwritten. Empty when nothing arrived.
     */
    List<PendingPublish> gather(Duration idle) throws InterruptedException {
        List<PendingPublish> batch = new ArrayList<>();
        PendingPublish first = firstClaimed(idle);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        int records = first.size();
        long lingerEnd = System.nanoTime() + lingerNanos;
        while (records < maxBatchRecords) {
            long wait = lingerEnd - System.nanoTime();
            PendingPublish next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            if (records + next.size() > maxBatchRecords) {
                carried = next;
                break;
            }
            if (next.claim()) {
                batch.add(next);
                records += next.size();
            } else {
                metrics.skipped();
            }
        }
        return batch;
    }

    private PendingPublish firstClaimed(Duration idle) throws InterruptedException {
        long deadline = System.nanoTime() + idle.toNanos();
        while (true) {
            PendingPublish candidate = carried;
            carried = null;
            if (candidate == null) {
                candidate = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (candidate == null) {
                return null;
            }
            if (candidate.claim()) {
                return candidate;
            }
            metrics.skipped();
        }
    }

    /** Everything still queued, for failing it when the publisher stops. */
    List<PendingPublish> drain() {
        List<PendingPublish> left = new ArrayList<>();
        sendTurn.lock();
        try {
            if (carried != null) {
                left.add(carried);
                carried = null;
            }
            queue.drainTo(left);
        } finally {
            sendTurn.unlock();
        }
        return left;
    }
}
