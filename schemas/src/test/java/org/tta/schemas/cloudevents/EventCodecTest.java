package org.tta.schemas.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.MessageSubmission;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

class EventCodecTest {

    private static final String SECRET = "PHI-SECRET-51c0";
    private static final Instant AT = Instant.parse("2025-06-01T10:15:30.123456789Z");

    private final EventCodec codec = EventCodec.standard();

    record Payload(PayloadSchema schema, Record value) {
        @Override
        public String toString() {
            return value.getClass().getSimpleName();
        }
    }

    static Stream<Payload> payloads() {
        return Stream.of(
                new Payload(PayloadSchema.MESSAGE_SUBMISSION, new MessageSubmission("hello")),
                new Payload(PayloadSchema.SESSION_MESSAGE, new SessionMessage("sess-1", "user-1", "patient", "hello")),
                new Payload(PayloadSchema.SAFETY_SCAN_REQUEST, new SafetyScanRequest("sess-1", EventIds.newId(), "user-1", "therapist", "hello")),
                new Payload(PayloadSchema.SAFETY_SCAN_REQUEST, new SafetyScanRequest("sess-1", EventIds.newId(), "user-1", "patient",
                        "hello", SafetyScanRequest.IMMEDIATE, "crisis.self-harm")),
                new Payload(PayloadSchema.SAFETY_ESCALATION, new SafetyEscalation(EventIds.newId(), "sess-1", SafetyEscalation.STEP_OPENED, SafetyEscalation.STATE_OPEN, "high", "self_harm", 0, AT, EventIds.newId(), AT, null)),
                new Payload(PayloadSchema.SAFETY_ESCALATION, new SafetyEscalation(EventIds.newId(), "sess-1", SafetyEscalation.STEP_RE_ESCALATED,
                        SafetyEscalation.STATE_OPEN, "high", "self_harm", 0, AT, EventIds.newId(), AT, null,
                        SafetyEscalation.ROUTE_PAGE, SafetyEscalation.ROUTE_REVIEW)),
                new Payload(PayloadSchema.AUDIT_RECORD, anAuditRecord("hello")),
                new Payload(PayloadSchema.AUDIT_RECORD, new AuditRecord(AuditActions.ACCESS_DENIED, AuditOutcomes.DENIED, "user-1",
                        "patient", "sess-1", "session", "sess-1", "gateway-service", AT, null, null, null)));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void roundTripsEveryPayloadRecord(Payload payload) {
        byte[] json = codec.encode(payload.value());

        assertThat(codec.decode(json, payload.value().getClass())).isEqualTo(payload.value());
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void encodesWhatTheSchemaAccepts(Payload payload) {
        assertThat(PayloadValidator.standard().validate(payload.schema(), codec.encode(payload.value()))).isEmpty();
    }

    @Test
    void readsAnEscalationWrittenBeforeRoutesAsAPage() {
        byte[] old = ("{\"escalationId\":\"e-1\",\"sessionId\":\"sess-1\",\"step\":\"opened\",\"state\":\"open\","
                + "\"tier\":\"high\",\"category\":\"self_harm\",\"onCallLevel\":0,\"scanEventId\":\"s-1\","
                + "\"occurredAt\":\"2025-06-01T10:15:30Z\"}").getBytes(StandardCharsets.UTF_8);

        SafetyEscalation step = codec.decode(old, SafetyEscalation.class);

        assertThat(step.route()).isNull();
        assertThat(step.routeOrPage()).isEqualTo(SafetyEscalation.ROUTE_PAGE);
        assertThat(PayloadValidator.standard().validate(PayloadSchema.SAFETY_ESCALATION, old)).isEmpty();
    }

    @Test
    void writesInstantsAsIso8601AndLeavesNullsOut() {
        String json = new String(codec.encode(anAuditRecord(null)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"occurredAt\":\"2025-06-01T10:15:30.123456789Z\"").doesNotContain("content");
    }

    @Test
    void decodesTheDataOfACloudEvent() {
        SessionMessage message = new SessionMessage("sess-1", "user-1", "patient", "hello");
        CloudEvent event = TtaCloudEvents.create(EventIds.newId(), EventTypes.SESSION_MESSAGE, URI.create("/test"), "sess-1",
                OffsetDateTime.now(ZoneOffset.UTC), codec.encode(message));

        assertThat(codec.decode(event, SessionMessage.class)).isEqualTo(message);
    }

    @Test
    void ignoresPropertiesANewerProducerAdded() {
        byte[] json = "{\"text\":\"hello\",\"addedLater\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decode(json, MessageSubmission.class)).isEqualTo(new MessageSubmission("hello"));
    }

    @Test
    void refusesEventsWithoutJsonData() {
        CloudEvent xml = CloudEventBuilder.v1().withId("1").withType(EventTypes.SESSION_MESSAGE).withSource(URI.create("/t"))
                .withData("application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)).build();
        CloudEvent empty = CloudEventBuilder.v1().withId("2").withType(EventTypes.SESSION_MESSAGE).withSource(URI.create("/t")).build();

        assertThatThrownBy(() -> codec.decode(xml, SessionMessage.class)).isInstanceOf(EventCodecException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode(empty, SessionMessage.class)).isInstanceOf(EventCodecException.class).hasMessageContaining("no data");
    }

    @Test
    void decodingErrorsNameThePlaceButNotTheData() {
        byte[] badInstant = ("{\"sessionId\":\"s\",\"scanEventId\":\"e\",\"category\":\"c\",\"tier\":\"t\",\"occurredAt\":\"" + SECRET + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] notJson = ("{\"text\": " + SECRET + "}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(badInstant, SafetyEscalation.class))
                .isInstanceOf(EventCodecException.class)
                .hasMessageContaining("/occurredAt")
                .hasNoCause()
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> codec.decode(notJson, MessageSubmission.class))
                .isInstanceOf(EventCodecException.class)
                .message().doesNotContain(SECRET);
    }

    @Test
    void readsAScanRequestWrittenWithoutAPriorityAsNormal() {
        byte[] old = "{\"sessionId\":\"s\",\"messageEventId\":\"e\",\"authorId\":\"u\",\"authorRole\":\"patient\",\"text\":\"hi\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        SafetyScanRequest scan = codec.decode(old, SafetyScanRequest.class);

        assertThat(scan.priority()).isEqualTo(SafetyScanRequest.NORMAL);
        assertThat(scan.immediate()).isFalse();
        assertThat(scan.precheckRule()).isNull();
    }

    @Test
    void printsNoPhiInToString() {
        assertThat(anAuditRecord(SECRET).toString()).doesNotContain(SECRET).contains("sess-1");
        assertThat(new SessionMessage("sess-1", "u", "patient", SECRET).toString()).doesNotContain(SECRET);
        assertThat(new SafetyScanRequest("sess-1", "e", "u", "patient", SECRET).toString()).doesNotContain(SECRET);
        assertThat(new MessageSubmission(SECRET).toString()).doesNotContain(SECRET);
    }

    private static AuditRecord anAuditRecord(String content) {
        return new AuditRecord(AuditActions.MESSAGE_POSTED, AuditOutcomes.SUCCESS, "user-1", "patient", "sess-1",
                "session.message", EventIds.newId(), "gateway-service", AT, "203.0.113.7",
                "4bf92f3577b34da6a3ce929d0e0e4736", content);
    }
}
