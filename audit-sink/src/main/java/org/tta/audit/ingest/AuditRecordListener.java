package org.tta.audit.ingest;

import java.util.ArrayList;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.AuditRecordStore.AppendResult;
import org.tta.audit.store.AuditRow;

/**
 * Reads audit record events and appends them to the trail: {@code onBatch -> decode -> store ->
 * onStored / onRejected}.
 *
 * <p>Guarantees: a batch's rows are written in one transaction, in Kafka order, before this method
 * returns, and the container commits the offsets only after it returned (ack mode batch), so no
 * record is acknowledged before it is durable. A database failure propagates, and the container's
 * error handler redelivers the whole batch until it succeeds; redelivered rows are skipped by their
 * event id. A record that cannot be decoded is reported and skipped, so it cannot block its
 * partition. (For now it is only logged and counted; the dead-letter topic comes with a later issue.)
 */
@Component
class AuditRecordListener {

    private static final Logger log = LoggerFactory.getLogger(AuditRecordListener.class);

    private final AuditRecordDecoder decoder;
    private final AuditRecordStore store;
    private final IngestMetrics metrics;

    AuditRecordListener(AuditRecordDecoder decoder, AuditRecordStore store, IngestMetrics metrics) {
        this.decoder = decoder;
        this.store = store;
        this.metrics = metrics;
    }

    @KafkaListener(id = "audit-sink", idIsGroup = false, batch = "true",
            topics = "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).AUDIT_RECORDS)}")
    void onBatch(List<ConsumerRecord<String, CloudEvent>> records) {
        List<AuditRow> rows = new ArrayList<>(records.size());
        List<Decoded.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            switch (decoder.decode(record)) {
                case Decoded.Row row -> rows.add(row.row());
                case Decoded.Rejected rejection -> rejected.add(rejection);
            }
        }
        // Throws on a database failure: nothing below runs, the offsets stay uncommitted.
        AppendResult result = rows.isEmpty() ? AppendResult.NOTHING : metrics.timeWrite(() -> store.append(rows));
        onStored(result, records);
        rejected.forEach(this::onRejected);
    }

    private void onStored(AppendResult result, List<ConsumerRecord<String, CloudEvent>> records) {
        metrics.written(result);
        if (log.isDebugEnabled() && !records.isEmpty()) {
            log.debug("Stored batch of {} records: {} new, {} duplicates (first {}-{}@{})", records.size(),
                    result.stored(), result.duplicates(), records.getFirst().topic(), records.getFirst().partition(),
                    records.getFirst().offset());
        }
    }

    // Counted and logged only once the batch is durable, so a redelivered batch does not report twice.
    private void onRejected(Decoded.Rejected rejection) {
        metrics.rejected(rejection.reason());
        ConsumerRecord<?, ?> record = rejection.record();
        log.warn("Rejected audit record topic={} partition={} offset={} eventId={} reason={}: {}", record.topic(),
                record.partition(), record.offset(), rejection.eventId(), rejection.reason().tag(),
                rejection.detail());
    }
}
