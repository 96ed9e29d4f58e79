package org.tta.router.dispatch;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One routed record until its offset is committed: its Kafka outputs (held, never written before
 * the transaction that commits its offset) and the count of its webhook jobs still open. A job that
 * failed for good adds its dead letter to the outputs. Loop thread only.
 */
final class PendingRecord {

    private final PartitionProgress progress;
    private final long offset;
    private final String key;
    private final List<ProducerRecord<String, byte[]>> outputs;
    private int openJobs;

    PendingRecord(PartitionProgress progress, long offset, String key, List<ProducerRecord<String, byte[]>> outputs,
            int openJobs) {
        this.progress = progress;
        this.offset = offset;
        this.key = key;
        this.outputs = outputs;
        this.openJobs = openJobs;
    }

    TopicPartition partition() {
        return progress.partition();
    }

    long offset() {
        return offset;
    }

    String key() {
        return key;
    }

    /** False once its partition was revoked or lost: a late completion for it is ignored. */
    boolean live() {
        return !progress.dropped();
    }

    /** One webhook job ended: delivered ({@code deadLetter} null) or dead-lettered. */
    void jobEnded(ProducerRecord<String, byte[]> deadLetter) {
        if (openJobs <= 0) {
            throw new IllegalStateException("more job ends than jobs");
        }
        if (deadLetter != null) {
            outputs.add(deadLetter);
        }
        openJobs--;
    }

    boolean finished() {
        return openJobs == 0;
    }

    List<ProducerRecord<String, byte[]>> outputs() {
        return outputs;
    }
}
