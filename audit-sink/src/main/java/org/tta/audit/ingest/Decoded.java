package org.tta.audit.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tta.audit.store.AuditRow;

/** The result of decoding one Kafka record: a row to store, or a rejection to report. */
sealed interface Decoded {

    record Row(AuditRow row) implements Decoded {
    }

    /**
     * A record that will not be stored.
     *
     * @param eventId the CloudEvent id when one could be read, else {@code null}
     * @param detail  why, in words that never quote the record's content
     */
    record Rejected(ConsumerRecord<?, ?> record, String eventId, RejectReason reason, String detail)
            implements Decoded {
    }
}
