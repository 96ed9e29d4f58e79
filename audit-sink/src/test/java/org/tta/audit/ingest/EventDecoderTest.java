package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;
import static org.tta.audit.support.AuditEvents.withData;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.RecordKind;
import org.tta.audit.support.KafkaRecords;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;

class EventDecoderTest {

    private static final String TOPIC = "tta.audit.records.v1";

    private final EventDecoder decoder = new EventDecoder();

    @Test
    void mapsAnAuditRecordToTheCommonShapeWithItsTextTakenOut() {
        var payload = aMessagePosted("s-1", "I feel better today");
        CloudEvent event = anAuditEvent("evt-1", payload);
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(TOPIC, event, 2, 41);
        record.headers().add(new RecordHeader("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.US_ASCII)));

        AuditEntry entry = ((Decoded.Entry) decoder.decode(record)).entry();

        assertThat(entry.eventId()).isEqualTo("evt-1");
        assertThat(entry.kind()).isEqualTo(RecordKind.AUDIT_RECORD);
        assertThat(entry.eventSource()).isEqualTo("/tta/gateway-service");
        assertThat(entry.eventTime()).isEqualTo(payload.occurredAt());
        assertThat(entry.who()).isEqualTo(new AuditEntry.Who("patient-7", "patient", null));
        assertThat(entry.what()).isEqualTo(new AuditEntry.What(payload.action(), payload.resourceType(),
                payload.resourceId(), payload.outcome()));
        assertThat(entry.where()).isEqualTo(new AuditEntry.Where("s-1", "gateway-service", "203.0.113.7", payload.traceId()));
        assertThat(entry.payloadJson()).doesNotContain("better today").contains("\"action\"");
        assertThat(entry.phi()).containsExactly(java.util.Map.entry("/content", "I feel better today"));
        assertThat(entry.origin()).isEqualTo(new AuditEntry.KafkaOrigin(TOPIC, 2, 41));
        assertThat(entry.chainId()).isEqualTo("session:s-1");
    }

    @Test
    void takesNestedTextOutOfAVerdictAndReadsTheTraceIdFromTheHeader() {
        CloudEvent verdict = TtaCloudEvents.create("v-1", EventDecoder.SAFETY_VERDICT, URI.create("/tta/safety-worker"), "s-2",
                OffsetDateTime.parse("2026-11-22T01:02:03Z"), bytes("{\"sessionId\":\"s-2\",\"tier\":\"low\","
                        + "\"categories\":[{\"category\":\"self_harm\",\"score\":0.4}],\"evidence\":[{\"quote\":\"words\"}]}"));
        ConsumerRecord<String, byte[]> record = KafkaRecords.record("tta.safety.verdicts.v1", verdict, 0, 0);
        record.headers().add(new RecordHeader("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.US_ASCII)));

        AuditEntry entry = ((Decoded.Entry) decoder.decode(record)).entry();

        assertThat(entry.kind()).isEqualTo(RecordKind.SAFETY_VERDICT);
        assertThat(entry.category()).isEqualTo("self_harm");
        assertThat(entry.severity()).isEqualTo("low");
        assertThat(entry.where().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(entry.phi()).containsOnlyKeys("/evidence/0/quote");
        assertThat(entry.payloadJson()).doesNotContain("words");
        assertThat(entry.eventTime()).isEqualTo(java.time.Instant.parse("2026-11-22T01:02:03Z"));
    }

    record Case(String name, Supplier<ConsumerRecord<String, byte[]>> record, RejectReason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> poisonRecords() {
        CloudEvent valid = anAuditEvent(aMessagePosted("s", "x"));
        return Stream.of(
                new Case("bytes without CloudEvents headers", () -> KafkaRecords.raw(TOPIC, "hello"), RejectReason.UNDECODABLE),
                new Case("no value at all", () -> KafkaRecords.raw(TOPIC, null), RejectReason.UNDECODABLE),
                new Case("event of a type the sink does not store", () -> rec(CloudEventBuilder.v1(valid)
                        .withType("org.tta.session.message.v1").build()), RejectReason.WRONG_TYPE),
                new Case("event without data", () -> rec(CloudEventBuilder.v1(valid).withoutData().build()),
                        RejectReason.NO_JSON_DATA),
                new Case("data that is not JSON", () -> rec(CloudEventBuilder.v1(valid)
                        .withData("text/plain", bytes("hello")).build()), RejectReason.NO_JSON_DATA),
                new Case("malformed JSON", () -> rec(withData("e", bytes("{\"action\":"), "s")), RejectReason.MALFORMED),
                new Case("a JSON array", () -> rec(withData("e", bytes("[1]"), "s")), RejectReason.MALFORMED),
                new Case("a required field missing", () -> rec(withData("e", bytes("{\"action\":\"a\"}"), "s")),
                        RejectReason.INVALID),
                new Case("a session id breaking the pattern", () -> rec(anAuditEvent(aMessagePosted("bad session", "x"))),
                        RejectReason.INVALID),
                new Case("an escalation without a session", () -> rec(TtaCloudEvents.create("e", EventTypes.SAFETY_ESCALATION,
                        URI.create("/tta/safety-worker"), null, OffsetDateTime.now(), bytes("{\"tier\":\"high\"}"))),
                        RejectReason.INVALID),
                new Case("a verdict with an unreadable time", () -> rec(TtaCloudEvents.create("e", EventDecoder.SAFETY_VERDICT,
                        URI.create("/tta/safety-worker"), "s", OffsetDateTime.now(), bytes("{\"decidedAt\":\"yesterday\"}"))),
                        RejectReason.INVALID),
                new Case("a NUL character in the kept payload", () -> rec(TtaCloudEvents.create("e", EventDecoder.SAFETY_VERDICT,
                        URI.create("/tta/safety-worker"), "s", OffsetDateTime.now(), bytes("{\"tier\":\"a\\u0000b\"}"))),
                        RejectReason.UNSTORABLE),
                new Case("an event id too long to index", () -> rec(anAuditEvent("x".repeat(EventDecoder.MAX_VALUE_LENGTH + 1),
                        aMessagePosted("s", "x"))), RejectReason.UNSTORABLE));
    }

    @ParameterizedTest
    @MethodSource("poisonRecords")
    void rejectsWhatItCannotStoreWithAReasonThatNeverQuotesTheContent(Case poison) {
        Decoded decoded = decoder.decode(poison.record().get());

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(poison.reason());
            assertThat(rejected.detail()).doesNotContain("hello", "a\u0000b");
        });
    }

    @Test
    void storesANulCharacterInTheMessageTextSinceTheTextIsEncrypted() {
        Decoded decoded = decoder.decode(rec(anAuditEvent(aMessagePosted("s", "before\u0000after"))));

        assertThat(decoded).isInstanceOf(Decoded.Entry.class);
    }

    private static ConsumerRecord<String, byte[]> rec(CloudEvent event) {
        return KafkaRecords.record(TOPIC, event, 0, 0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
