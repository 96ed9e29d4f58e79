package org.tta.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.audit.store.ChainLink;
import org.tta.audit.store.EncryptedContent;
import org.tta.audit.store.StoredAuditRecord;

class CanonicalFormTest {

    static StoredAuditRecord aRow() {
        return new StoredAuditRecord(7, "evt-1", "org.tta.audit.record.v1", "/tta/gateway-service", "audit_record",
                Instant.parse("2026-11-22T01:02:03.123456Z"), Instant.parse("2026-11-22T01:02:04Z"), "patient-7", "patient",
                null, "session.message.posted", "session.message", "m-1", "success", "s-1", "gateway-service",
                "203.0.113.7", null, null, null, "{\"a\": 1}", new EncryptedContent(3, new byte[12], new byte[] {1, 2, 3}),
                new ChainLink("session:s-1", 1, new byte[32], null));
    }

    @Test
    void encodesEachFieldLengthPrefixedInTheDocumentedOrder() {
        byte[] form = CanonicalForm.of(aRow());

        // Domain tag first, then the chain id, each with a 4-byte big-endian length.
        assertThat(HexFormat.of().formatHex(form, 0, 4)).isEqualTo("00000010");
        assertThat(new String(form, 4, 16, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("tta-audit-row-v1");
        assertThat(HexFormat.of().formatHex(form, 20, 24)).isEqualTo("0000000b");
        assertThat(new String(form, 24, 11, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("session:s-1");
        assertThat(new String(form, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("2026-11-22T01:02:03.123456Z", "2026-11-22T01:02:04.000000Z");
        assertThat(CanonicalForm.hash(aRow())).hasSize(32).isEqualTo(CanonicalForm.hash(aRow()));
    }

    static Stream<UnaryOperator<StoredAuditRecord>> edits() {
        return Stream.of(
                r -> copy(r, "outcome", "failure"),
                r -> copy(r, "clientId", ""),
                r -> copy(r, "payload", "{\"a\": 2}"),
                r -> new StoredAuditRecord(r.seq(), r.eventId(), r.eventType(), r.eventSource(), r.kind(),
                        r.eventTime().plusNanos(1000), r.storedAt(), r.subjectId(), r.subjectRole(), r.clientId(), r.action(),
                        r.resourceType(), r.resourceId(), r.outcome(), r.sessionId(), r.sourceService(), r.clientIp(),
                        r.traceId(), r.severity(), r.category(), r.payloadJson(), r.content(), r.chain()),
                r -> new StoredAuditRecord(r.seq(), r.eventId(), r.eventType(), r.eventSource(), r.kind(), r.eventTime(),
                        r.storedAt(), r.subjectId(), r.subjectRole(), r.clientId(), r.action(), r.resourceType(),
                        r.resourceId(), r.outcome(), r.sessionId(), r.sourceService(), r.clientIp(), r.traceId(),
                        r.severity(), r.category(), r.payloadJson(), new EncryptedContent(3, new byte[12], new byte[] {1, 2, 4}),
                        r.chain()),
                r -> new StoredAuditRecord(r.seq(), r.eventId(), r.eventType(), r.eventSource(), r.kind(), r.eventTime(),
                        r.storedAt(), r.subjectId(), r.subjectRole(), r.clientId(), r.action(), r.resourceType(),
                        r.resourceId(), r.outcome(), r.sessionId(), r.sourceService(), r.clientIp(), r.traceId(),
                        r.severity(), r.category(), r.payloadJson(), r.content(),
                        new ChainLink("session:s-1", 2, new byte[32], null)),
                // Moving text between adjacent fields must not give the same bytes.
                r -> copy(copy(r, "subjectId", "patient-7patient"), "subjectRole", ""));
    }

    @ParameterizedTest
    @MethodSource("edits")
    void changesTheHashWhenAnyHashedFieldChanges(UnaryOperator<StoredAuditRecord> edit) {
        assertThat(CanonicalForm.hash(edit.apply(aRow()))).isNotEqualTo(CanonicalForm.hash(aRow()));
    }

    @Test
    void ignoresTheStoredOrderSeqWhichTheDatabaseAssigns() {
        StoredAuditRecord r = aRow();
        StoredAuditRecord otherSeq = new StoredAuditRecord(99, r.eventId(), r.eventType(), r.eventSource(), r.kind(),
                r.eventTime(), r.storedAt(), r.subjectId(), r.subjectRole(), r.clientId(), r.action(), r.resourceType(),
                r.resourceId(), r.outcome(), r.sessionId(), r.sourceService(), r.clientIp(), r.traceId(), r.severity(),
                r.category(), r.payloadJson(), r.content(), r.chain());

        assertThat(CanonicalForm.hash(otherSeq)).isEqualTo(CanonicalForm.hash(r));
    }

    private static StoredAuditRecord copy(StoredAuditRecord r, String field, String value) {
        return new StoredAuditRecord(r.seq(), r.eventId(), r.eventType(), r.eventSource(), r.kind(), r.eventTime(),
                r.storedAt(), field.equals("subjectId") ? value : r.subjectId(),
                field.equals("subjectRole") ? value : r.subjectRole(), field.equals("clientId") ? value : r.clientId(),
                r.action(), r.resourceType(), r.resourceId(), field.equals("outcome") ? value : r.outcome(), r.sessionId(),
                r.sourceService(), r.clientIp(), r.traceId(), r.severity(), r.category(),
                field.equals("payload") ? value : r.payloadJson(), r.content(), r.chain());
    }
}
