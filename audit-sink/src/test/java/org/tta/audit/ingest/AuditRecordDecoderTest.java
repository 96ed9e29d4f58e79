package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;
import static org.tta.audit.support.AuditEvents.withData;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.tta.audit.store.AuditRow;

class AuditRecordDecoderTest {

    private static final String TOPIC = "tta.audit.records.v1";

    private final AuditRecordDecoder decoder = new AuditRecordDecoder();

    @Test
    void decodesAnAuditRecordEventWithItsKafkaOrigin() {
        var payload = aMessagePosted("s-1", "I feel better today");
        CloudEvent event = anAuditEvent("evt-1", payload);

        Decoded decoded = decoder.decode(record(event, 2, 41));

        assertThat(decoded).isInstanceOf(Decoded.Row.class);
        AuditRow row = ((Decoded.Row) decoded).row();
        assertThat(row.eventId()).isEqualTo("evt-1");
        assertThat(row.eventType()).isEqualTo("org.tta.audit.record.v1");
        assertThat(row.source()).isEqualTo("/tta/gateway-service");
        assertThat(row.eventTime()).isEqualTo(event.getTime());
        assertThat(row.record()).isEqualTo(payload);
        assertThat(row.origin()).isEqualTo(new AuditRow.KafkaOrigin(TOPIC, 2, 41));
    }

    record Case(String name, Supplier<ConsumerRecord<String, CloudEvent>> record, RejectReason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> unstorableRecords() {
        return Stream.of(
                new Case("value the deserializer could not read", AuditRecordDecoderTest::undeserializable,
                        RejectReason.UNDECODABLE),
                new Case("no value at all", () -> record(null, 0, 0), RejectReason.UNDECODABLE),
                new Case("event of another type", () -> record(CloudEventBuilder.v1(anAuditEvent(aMessagePosted("s", "x")))
                        .withType("org.tta.session.message.v1").build(), 0, 0), RejectReason.WRONG_TYPE),
                new Case("event without data", () -> record(CloudEventBuilder.v1(anAuditEvent(aMessagePosted("s", "x")))
                        .withoutData().build(), 0, 0), RejectReason.NO_JSON_DATA),
                new Case("data that is not JSON", () -> record(CloudEventBuilder.v1(anAuditEvent(aMessagePosted("s", "x")))
                        .withData("text/plain", bytes("hello")).build(), 0, 0), RejectReason.NO_JSON_DATA),
                new Case("malformed JSON", () -> record(withData("e", bytes("{\"action\":"), "s"), 0, 0),
                        RejectReason.MALFORMED),
                new Case("a required field missing", () -> record(withData("e", bytes("{\"action\":\"a\"}"), "s"), 0, 0),
                        RejectReason.INVALID),
                new Case("a session id breaking the pattern",
                        () -> record(anAuditEvent(aMessagePosted("bad session", "x")), 0, 0), RejectReason.INVALID),
                new Case("a NUL character in the content",
                        () -> record(anAuditEvent(aMessagePosted("s", "before\u0000after")), 0, 0),
                        RejectReason.UNSTORABLE),
                new Case("an event id too long to index",
                        () -> record(anAuditEvent("x".repeat(AuditRecordDecoder.MAX_EVENT_ID_LENGTH + 1),
                                aMessagePosted("s", "x")), 0, 0), RejectReason.UNSTORABLE));
    }

    @ParameterizedTest
    @MethodSource("unstorableRecords")
    void rejectsRecordsThatCannotBecomeRows(Case c) {
        Decoded decoded = decoder.decode(c.record().get());

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(c.reason()));
    }

    @Test
    void neverQuotesContentWhenItRejects() {
        String secret = "my private words";
        byte[] invalid = bytes("{\"action\":\"a\",\"content\":\"" + secret + "\",\"extra\":\"" + secret + "\"}");

        Decoded decoded = decoder.decode(record(withData("e", invalid, "s"), 0, 0));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class,
                rejected -> assertThat(rejected.detail()).doesNotContain(secret));
    }

    @Test
    void keepsTheEventIdOfARejectedRecordForTheLog() {
        Decoded decoded = decoder.decode(record(withData("evt-9", bytes("[]"), "s"), 5, 7));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.eventId()).isEqualTo("evt-9");
            assertThat(rejected.record().offset()).isEqualTo(7);
        });
    }

    private static ConsumerRecord<String, CloudEvent> undeserializable() {
        RecordHeaders headers = new RecordHeaders();
        SerializationUtils.deserializationException(headers, bytes("not a cloud event"),
                new DeserializationException("failed", bytes("not a cloud event"), false,
                        new IllegalStateException("no ce_specversion header")), false);
        return new ConsumerRecord<>(TOPIC, 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0, "s", null, headers,
                Optional.empty());
    }

    private static ConsumerRecord<String, CloudEvent> record(CloudEvent event, int partition, long offset) {
        return new ConsumerRecord<>(TOPIC, partition, offset, "s", event);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
