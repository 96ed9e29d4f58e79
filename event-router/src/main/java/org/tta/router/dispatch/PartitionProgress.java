package org.tta.router.dispatch;

import java.util.ArrayDeque;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The routed records of one assigned partition whose offsets are not committed yet, in offset
 * order. Only the finished prefix may be committed: nothing past the oldest record with an open
 * webhook job, so a crash redelivers that record and everything after it, and a record's Kafka
 * outputs go out in the transaction that moves the committed offset past it. Loop thread only.
 */
final class PartitionProgress {

    private final TopicPartition partition;
    private final ArrayDeque<PendingRecord> records = new ArrayDeque<>();
    private boolean dropped;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /** Holds a routed record with its outputs and its number of webhook jobs. */
    PendingRecord add(long offset, String key, List<ProducerRecord<String, byte[]>> outputs, int jobs) {
        if (!records.isEmpty() && records.peekLast().offset() >= offset) {
            throw new IllegalStateException("offsets out of order on " + partition);
        }
        PendingRecord record = new PendingRecord(this, offset, key, outputs, jobs);
        records.addLast(record);
        return record;
    }

    /** Records held (routed, offset not committed). */
    int pending() {
        return records.size();
    }

    /** Finished records at the head, in offset order: what {@link #takeFinished} would take now. */
    int finishedPrefix() {
        int finished = 0;
        for (PendingRecord record : records) {
            if (!record.finished()) {
                break;
            }
            finished++;
        }
        return finished;
    }

    /**
     * Takes the finished prefix: adds its outputs to {@code into} and returns the offset to commit
     * (the last taken record's offset + 1), or -1 when the oldest record is still open.
     */
    long takeFinished(List<ProducerRecord<String, byte[]>> into) {
        long next = -1;
        while (!records.isEmpty() && records.peekFirst().finished()) {
            PendingRecord record = records.pollFirst();
            into.addAll(record.outputs());
            next = record.offset() + 1;
        }
        return next;
    }

    /** The partition was revoked or lost: forget its records; late completions for them are ignored. */
    void drop() {
        dropped = true;
        records.clear();
    }

    boolean dropped() {
        return dropped;
    }
}
