package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.AuditRow;
import org.tta.audit.store.StoredAuditRecord;
import org.tta.audit.support.AuditEvents;

class AuditRecordListenerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingStore store = new RecordingStore();
    private final AuditRecordListener listener =
            new AuditRecordListener(new AuditRecordDecoder(), store, new IngestMetrics(meters));

    @Test
    void writesTheDecodableRecordsOfABatchInKafkaOrderInOneCall() {
        listener.onBatch(List.of(
                record(0, anAuditEvent("a", aMessagePosted("s", "1"))),
                record(1, AuditEvents.withData("broken", "{".getBytes(StandardCharsets.UTF_8), "s")),
                record(2, anAuditEvent("b", aMessagePosted("s", "2"))),
                record(3, anAuditEvent("c", aMessagePosted("s", "3")))));

        assertThat(store.calls).hasSize(1);
        assertThat(store.calls.getFirst()).extracting(AuditRow::eventId).containsExactly("a", "b", "c");
        assertThat(counter("tta.audit.stored")).isEqualTo(3);
        assertThat(meters.get("tta.audit.rejected").tag("reason", "malformed").counter().count()).isEqualTo(1);
    }

    @Test
    void countsRowsTheStoreSkippedAsDuplicates() {
        store.duplicatesPerCall = 1;

        listener.onBatch(List.of(record(0, anAuditEvent("a", aMessagePosted("s", "1"))),
                record(1, anAuditEvent("a", aMessagePosted("s", "1")))));

        assertThat(counter("tta.audit.stored")).isEqualTo(1);
        assertThat(counter("tta.audit.duplicates")).isEqualTo(1);
    }

    @Test
    void failsTheBatchWhenTheDatabaseFailsSoThatItIsRedelivered() {
        store.failure = new DataAccessResourceFailureException("connection refused");
        var batch = List.of(record(0, anAuditEvent("a", aMessagePosted("s", "1"))),
                record(1, AuditEvents.withData("broken", "{".getBytes(StandardCharsets.UTF_8), "s")));

        assertThatThrownBy(() -> listener.onBatch(batch)).isSameAs(store.failure);

        // Nothing is reported before the batch is durable: the redelivery will report it once.
        assertThat(counter("tta.audit.stored")).isZero();
        assertThat(meters.get("tta.audit.rejected").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(meters.get("tta.audit.batch.write").tag("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void acknowledgesABatchOfOnlyUndecodableRecordsWithoutTheDatabase() {
        listener.onBatch(List.of(new ConsumerRecord<>("t", 0, 0, "s", (CloudEvent) null)));

        assertThat(store.calls).isEmpty();
        assertThat(meters.get("tta.audit.rejected").tag("reason", "undecodable").counter().count()).isEqualTo(1);
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private static ConsumerRecord<String, CloudEvent> record(long offset, CloudEvent event) {
        return new ConsumerRecord<>("tta.audit.records.v1", 0, offset, "s", event);
    }

    /** Records each append; fails or reports duplicates when told to. */
    private static final class RecordingStore implements AuditRecordStore {
        final List<List<AuditRow>> calls = new ArrayList<>();
        RuntimeException failure;
        int duplicatesPerCall;

        @Override
        public AppendResult append(List<AuditRow> rows) {
            calls.add(List.copyOf(rows));
            if (rows.isEmpty()) {
                return AppendResult.NOTHING;
            }
            if (failure != null) {
                throw failure;
            }
            return new AppendResult(rows.size() - duplicatesPerCall, duplicatesPerCall);
        }

        @Override
        public List<StoredAuditRecord> session(String sessionId, long after, int limit, boolean withContent) {
            throw new UnsupportedOperationException();
        }
    }
}
