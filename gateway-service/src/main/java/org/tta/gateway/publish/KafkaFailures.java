package org.tta.gateway.publish;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Sorts Kafka producer failures by what they mean for the request and for the producer. */
final class KafkaFailures {

    private KafkaFailures() {
    }

    /**
     * The record itself cannot be written (it does not serialize, is too large, names no valid
     * topic): a bug or bad input, answered 500 rather than 503, since retrying cannot help.
     */
    static boolean isInvalidRecord(Throwable error) {
        return error instanceof SerializationException || error instanceof RecordTooLargeException
                || error instanceof InvalidTopicException || error instanceof IllegalArgumentException;
    }

    /**
     * The producer cannot go on (Kafka's transactional producer javadoc lists these as the ones to
     * close the producer for); it is replaced by a new one, whose {@code initTransactions} also
     * settles whatever transaction the old one left open.
     */
    static boolean isFatal(Throwable error) {
        return error instanceof ProducerFencedException || error instanceof OutOfOrderSequenceException
                || error instanceof AuthorizationException || error instanceof UnsupportedVersionException
                || error instanceof InvalidTxnStateException || error instanceof IllegalStateException;
    }

    /**
     * The failure's classes down to its root, with Kafka's own messages (they name topics,
     * partitions and transactional ids, never record content); for one log line.
     */
    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getName());
            if (t instanceof org.apache.kafka.common.KafkaException && t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }
}
