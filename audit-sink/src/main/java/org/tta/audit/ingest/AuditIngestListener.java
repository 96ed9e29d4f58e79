package org.tta.audit.ingest;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tta.platform.tracing.RecordTracing;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.AuditRecordStore.AppendResult;

/**
 * Reads audit records, safety verdicts and escalation steps and appends them to the trail:
 * {@code onBatch -> decode -> store -> deadLetter -> onStored / onRejected}.
 *
 * <p>Guarantees: a batch's rows are written in one transaction, in Kafka order, and its rejected
 * records acknowledged by the dead-letter topic, before this method returns; the container commits
 * the offsets only after it returned (ack mode batch), so nothing is acknowledged before it is
 * durable. A database that cannot be reached (or a dead-letter topic that does not acknowledge)
 * fails the batch, and the container's error handler redelivers it, without end, until it succeeds;
 * redelivered rows are skipped by their event id. A record the database refuses as data (an
 * integrity or data exception) is found by storing the batch's entries one by one, and dead-lettered,
 * so it cannot block its partition.
 */
@Component
class AuditIngestListener {

    private static final Logger log = LoggerFactory.getLogger(AuditIngestListener.class);

    private final EventDecoder decoder;
    private final AuditRecordStore store;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final RecordTracing tracing;

    AuditIngestListener(EventDecoder decoder, AuditRecordStore store, DeadLetters deadLetters, IngestMetrics metrics,
                        RecordTracing tracing) {
        this.tracing = tracing;
        this.decoder = decoder;
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = "audit-sink", idIsGroup = false, batch = "true", topics = {
            "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).AUDIT_RECORDS)}",
            "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).SAFETY_VERDICTS)}",
            "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).SAFETY_ESCALATIONS)}"})
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        // One span per record, child of its producer's traceparent, ending when the batch is durable (or failed).
        List<Span> spans = new ArrayList<>(records.size());
        records.forEach(record -> spans.add(tracing.consume("tta.audit.store", record.topic(), record.headers())));
        try {
            storeBatch(records);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    private void storeBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Decoded.Entry> entries = new ArrayList<>(records.size());
        List<Decoded.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            switch (decoder.decode(record)) {
                case Decoded.Entry entry -> entries.add(entry);
                case Decoded.Rejected rejection -> rejected.add(rejection);
            }
        }
        // Throws when the database is unavailable: nothing below runs, the offsets stay uncommitted.
        AppendResult result = store(entries, rejected);
        if (!rejected.isEmpty()) {
            deadLetters.send(rejected);
        }
        metrics.written(result);
        rejected.forEach(this::onRejected);
    }

    private AppendResult store(List<Decoded.Entry> entries, List<Decoded.Rejected> rejected) {
        if (entries.isEmpty()) {
            return AppendResult.NOTHING;
        }
        try {
            return metrics.timeWrite(() -> store.append(entries.stream().map(Decoded.Entry::entry).toList()));
        } catch (DataIntegrityViolationException e) {
            return storeOneByOne(entries, rejected);
        }
    }

    /** After the database refused a batch as data: store what it takes, reject what it refuses. */
    private AppendResult storeOneByOne(List<Decoded.Entry> entries, List<Decoded.Rejected> rejected) {
        int stored = 0;
        int duplicates = 0;
        for (Decoded.Entry entry : entries) {
            try {
                AppendResult one = metrics.timeWrite(() -> store.append(List.of(entry.entry())));
                stored += one.stored();
                duplicates += one.duplicates();
            } catch (DataIntegrityViolationException e) {
                AuditEntry refused = entry.entry();
                rejected.add(new Decoded.Rejected(entry.record(), EventDecoder.abbreviate(refused.eventId()),
                        RejectReason.UNSTORABLE, "refused by the database (" + sqlState(e) + ")"));
            }
        }
        return new AppendResult(stored, duplicates);
    }

    private static String sqlState(DataIntegrityViolationException e) {
        Throwable cause = e.getMostSpecificCause();
        return cause instanceof java.sql.SQLException sql ? "SQLState " + sql.getSQLState() : cause.getClass().getSimpleName();
    }

    // Counted and logged only once the batch is durable, so a redelivered batch does not report twice.
    private void onRejected(Decoded.Rejected rejection) {
        metrics.rejected(rejection.reason());
        ConsumerRecord<?, ?> record = rejection.record();
        log.warn("Dead-lettered record topic={} partition={} offset={} eventId={} reason={}: {}", record.topic(),
                record.partition(), record.offset(), rejection.eventId(), rejection.reason().tag(), rejection.detail());
    }
}
