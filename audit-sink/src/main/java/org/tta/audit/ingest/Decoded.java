package org.tta.audit.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tta.audit.store.AuditEntry;

/** The result of decoding one Kafka record: an entry to store, or a rejection for the dead-letter topic. */
sealed interface Decoded {

    record Entry(ConsumerRecord<String, byte[]> record, AuditEntry entry) implements Decoded {
    }

    /**
     * A record that will not be stored.
     *
     * @param eventId the CloudEvent id when one could be read, else {@code null}
     * @param detail  why, in words that never quote the record's content
     */
    record Rejected(ConsumerRecord<String, byte[]> record, String eventId, RejectReason reason, String detail)
            implements Decoded {
    }
}
