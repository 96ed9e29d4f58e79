package org.tta.router.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits the finished prefix of every partition: the held Kafka outputs of those records and the
 * offsets past them, in one transaction. Outputs and offsets are atomic, so after a crash only
 * records whose outputs were never committed are routed again (exactly once for
 * {@code read_committed} readers). A failed transaction is aborted and reported as
 * {@link TransactionFailed}: the caller restarts its Kafka clients and routing resumes from the
 * committed offsets (the in-memory progress is never rewound by hand).
 */
final class ProgressCommitter {

    /** The transaction was aborted (or could not even be aborted); the routing run must start afresh. */
    static final class TransactionFailed extends RuntimeException {
        TransactionFailed(KafkaException cause) {
            super("routing transaction failed", cause);
        }
    }

    private final Producer<String, byte[]> producer;

    ProgressCommitter(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Returns the records committed; does nothing (0) when no partition has a finished prefix. */
    int commit(Collection<PartitionProgress> partitions, ConsumerGroupMetadata group) {
        List<ProducerRecord<String, byte[]>> outputs = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int records = 0;
        for (PartitionProgress progress : partitions) {
            int held = progress.pending();
            long next = progress.takeFinished(outputs);
            records += held - progress.pending();
            if (next >= 0) {
                offsets.put(progress.partition(), new OffsetAndMetadata(next));
            }
        }
        if (offsets.isEmpty()) {
            return 0;
        }
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> output : outputs) {
                producer.send(output);
            }
            producer.sendOffsetsToTransaction(offsets, group);
            producer.commitTransaction();
            return records;
        } catch (KafkaException e) {
            // Logged once, by the loop that restarts the clients from the committed offsets.
            try {
                producer.abortTransaction();
            } catch (KafkaException fatal) {
                // Fenced or otherwise fatal: the fresh producer of the next run aborts what is left open.
                e.addSuppressed(fatal);
            }
            throw new TransactionFailed(e);
        }
    }
}
