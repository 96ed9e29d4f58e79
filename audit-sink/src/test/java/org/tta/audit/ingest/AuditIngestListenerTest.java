package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tta.platform.tracing.RecordTracing;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.StoredAuditRecord;
import org.tta.audit.support.AuditEvents;
import org.tta.audit.support.KafkaRecords;

class AuditIngestListenerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingStore store = new RecordingStore();
    private final DeadLetters deadLetters = mock(DeadLetters.class);
    private final AuditIngestListener listener =
            new AuditIngestListener(new EventDecoder(), store, deadLetters, new IngestMetrics(meters),
                    RecordTracing.noop());

    @Test
    void writesTheDecodableRecordsOfABatchInKafkaOrderInOneCallAndDeadLettersTheRest() {
        listener.onBatch(List.of(
                record(0, anAuditEvent("a", aMessagePosted("s", "1"))),
                record(1, AuditEvents.withData("broken", "{".getBytes(StandardCharsets.UTF_8), "s")),
                record(2, anAuditEvent("b", aMessagePosted("s", "2"))),
                record(3, anAuditEvent("c", aMessagePosted("s", "3")))));

        assertThat(store.calls).hasSize(1);
        assertThat(store.calls.getFirst()).extracting(AuditEntry::eventId).containsExactly("a", "b", "c");
        assertThat(deadLettered()).extracting(Decoded.Rejected::eventId).containsExactly("broken");
        assertThat(meters.get("tta.audit.stored").counter().count()).isEqualTo(3);
        assertThat(meters.get("tta.audit.rejected").tag("reason", "malformed").counter().count()).isEqualTo(1);
    }

    @Test
    void failsTheBatchWhenTheDatabaseIsUnavailableSoThatItIsRedelivered() {
        store.failure = new DataAccessResourceFailureException("connection refused");
        var batch = List.of(record(0, anAuditEvent("a", aMessagePosted("s", "1"))),
                record(1, AuditEvents.withData("broken", "{".getBytes(StandardCharsets.UTF_8), "s")));

        assertThatThrownBy(() -> listener.onBatch(batch)).isSameAs(store.failure);

        // Nothing dead-lettered or reported before the batch is durable: the redelivery does it once.
        verify(deadLetters, never()).send(any());
        assertThat(meters.get("tta.audit.stored").counter().count()).isZero();
        assertThat(meters.get("tta.audit.batch.write").tag("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void deadLettersTheOneRecordTheDatabaseRefusesAsDataAndStoresTheOthers() {
        store.refusedEventId = "b";

        listener.onBatch(List.of(record(0, anAuditEvent("a", aMessagePosted("s", "1"))),
                record(1, anAuditEvent("b", aMessagePosted("s", "2"))),
                record(2, anAuditEvent("c", aMessagePosted("s", "3")))));

        assertThat(store.stored).containsExactly("a", "c");
        assertThat(deadLettered()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("b");
            assertThat(r.reason()).isEqualTo(RejectReason.UNSTORABLE);
        });
    }

    @SuppressWarnings("unchecked")
    private List<Decoded.Rejected> deadLettered() {
        ArgumentCaptor<List<Decoded.Rejected>> captor = ArgumentCaptor.forClass(List.class);
        verify(deadLetters).send(captor.capture());
        return captor.getValue();
    }

    private static ConsumerRecord<String, byte[]> record(long offset, CloudEvent event) {
        return KafkaRecords.record("tta.audit.records.v1", event, 0, offset);
    }

    /** Records each append; fails, or refuses one event id as data, when told to. */
    private static final class RecordingStore implements AuditRecordStore {
        final List<List<AuditEntry>> calls = new ArrayList<>();
        final List<String> stored = new ArrayList<>();
        RuntimeException failure;
        String refusedEventId;

        @Override
        public AppendResult append(List<AuditEntry> entries) {
            calls.add(List.copyOf(entries));
            if (failure != null) {
                throw failure;
            }
            if (entries.stream().anyMatch(e -> e.eventId().equals(refusedEventId))) {
                throw new DataIntegrityViolationException("value too long");
            }
            entries.forEach(e -> stored.add(e.eventId()));
            return new AppendResult(entries.size(), 0);
        }

        @Override
        public List<StoredAuditRecord> session(String sessionId, long after, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
