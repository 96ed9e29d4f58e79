package org.tta.audit.store;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.tta.schemas.payload.AuditRecord;

/**
 * One audit record as it is written: the event's identity, the payload and where in Kafka it came from.
 *
 * @param eventId   the CloudEvent id; the store keeps one row per id
 * @param eventType the CloudEvent type
 * @param source    the CloudEvent source
 * @param eventTime the CloudEvent time; {@code null} when the event has none
 * @param record    the decoded, schema-valid payload
 * @param origin    the Kafka record it was read from
 */
public record AuditRow(String eventId, String eventType, String source, OffsetDateTime eventTime,
        AuditRecord record, KafkaOrigin origin) {

    /** Topic, partition and offset of the Kafka record a row was read from. */
    public record KafkaOrigin(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    public Instant occurredAt() {
        return record.occurredAt();
    }

    @Override
    public String toString() {
        // The record's own toString redacts content.
        return "AuditRow[eventId=" + eventId + ", origin=" + origin + ", record=" + record + "]";
    }
}
