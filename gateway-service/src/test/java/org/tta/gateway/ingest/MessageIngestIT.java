package org.tta.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.session.Session;
import org.tta.gateway.session.SessionDirectory;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class MessageIngestIT {

    @Autowired
    WebTestClient http;

    @Autowired
    TopicCatalog topics;

    @Autowired
    SessionDirectory sessions;

    private final EventCodec codec = EventCodec.standard();

    /** Membership is checked on every message: the callers below take part in the sessions they post to. */
    @BeforeEach
    void sessionsExist() {
        withMembers("session-accept", Participant.patient("alice"));
        withMembers("session-order", Participant.therapist("theo"));
    }

    private void withMembers(String sessionId, Participant... participants) {
        // false when an earlier test created it already, with the same members
        sessions.create(Session.create(sessionId, null, List.of(participants), "test", Instant.now())).block();
    }

    @Test
    void acceptsAMessageAndWritesTheEventTheScanAndTheAuditRecordKeyedBySession() {
        Accepted accepted = post("session-accept", Tokens.aPatient("alice"), "{\"text\":\"I had a hard week\"}")
                .expectStatus().isAccepted()
                .expectBody(Accepted.class).returnResult().getResponseBody();

        assertThat(accepted.id()).isNotBlank();
        assertThat(accepted.position()).isNotBlank();
        ConsumerRecord<String, byte[]> event = only(TopicId.SESSION_EVENTS, "session-accept");
        assertThat(header(event, "ce_id")).isEqualTo(accepted.id());
        assertThat(header(event, "ce_type")).isEqualTo(EventTypes.SESSION_MESSAGE);
        assertThat(header(event, "ce_subject")).isEqualTo("session-accept");
        assertThat(codec.decode(event.value(), SessionMessage.class))
                .isEqualTo(new SessionMessage("session-accept", "alice", "patient", "I had a hard week"));

        SafetyScanRequest scan = codec.decode(only(TopicId.SAFETY_SCANS, "session-accept").value(), SafetyScanRequest.class);
        assertThat(scan.messageEventId()).isEqualTo(accepted.id());
        assertThat(scan.text()).isEqualTo("I had a hard week");

        AuditRecord audit = codec.decode(only(TopicId.AUDIT_RECORDS, "session-accept").value(), AuditRecord.class);
        assertThat(audit.resourceId()).isEqualTo(accepted.id());
        assertThat(audit.actorId()).isEqualTo("alice");
        assertThat(audit.sessionId()).isEqualTo("session-accept");
    }

    @Test
    void keepsOneSessionsMessagesInAcceptOrder() {
        List<String> acceptedIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acceptedIds.add(post("session-order", Tokens.aTherapist("theo"), "{\"text\":\"turn " + i + "\"}")
                    .expectStatus().isAccepted()
                    .expectBody(Accepted.class).returnResult().getResponseBody().id());
        }

        List<String> storedIds = awaitRecords(TopicId.SESSION_EVENTS, "session-order", 20).stream()
                .map(r -> header(r, "ce_id")).toList();
        assertThat(storedIds).containsExactlyElementsOf(acceptedIds);
    }

    record BadRequest(String name, String token, String contentType, String body, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRequest> badRequests() {
        String ok = "{\"text\":\"hello\"}";
        String json = MediaType.APPLICATION_JSON_VALUE;
        return Stream.of(
                new BadRequest("malformed json", Tokens.aPatient("alice"), json, "{\"text\":", 400, "malformed-request"),
                new BadRequest("empty body", Tokens.aPatient("alice"), json, "", 400, "malformed-request"),
                new BadRequest("schema violation: missing text", Tokens.aPatient("alice"), json, "{}", 400, "validation-failed"),
                new BadRequest("schema violation: extra field", Tokens.aPatient("alice"), json,
                        "{\"text\":\"hi\",\"admin\":true}", 400, "validation-failed"),
                new BadRequest("schema violation: blank text", Tokens.aPatient("alice"), json, "{\"text\":\"   \"}", 400, "validation-failed"),
                new BadRequest("no token", null, json, ok, 401, "unauthenticated"),
                new BadRequest("expired token", Tokens.anExpiredToken("alice"), json, ok, 401, "unauthenticated"),
                new BadRequest("forged token", Tokens.aForgedToken("alice"), json, ok, 401, "unauthenticated"),
                new BadRequest("token from another issuer", Tokens.aTokenFromAnotherIssuer("alice"), json, ok, 401, "unauthenticated"),
                new BadRequest("token for another audience", Tokens.aTokenForAnotherAudience("alice"), json, ok, 401, "unauthenticated"),
                new BadRequest("unsigned token (alg none)", Tokens.anUnsignedToken("alice"), json, ok, 401, "unauthenticated"),
                new BadRequest("garbage token", "not-a-jwt", json, ok, 401, "unauthenticated"),
                new BadRequest("role that may not post", Tokens.aReviewer("rita"), json, ok, 403, "forbidden"),
                new BadRequest("wrong content type", Tokens.aPatient("alice"), MediaType.TEXT_PLAIN_VALUE, ok, 415, "unsupported-media-type"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void rejectsBadRequestsWithProblemJsonAndWritesNothing(BadRequest bad) {
        String session = "bad-" + Math.abs(bad.name().hashCode());
        withMembers(session, Participant.patient("alice"));
        var request = http.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Content-Type", bad.contentType())
                .bodyValue(bad.body().getBytes(StandardCharsets.UTF_8));
        if (bad.token() != null) {
            request = request.header("Authorization", "Bearer " + bad.token());
        }
        request.exchange()
                .expectStatus().isEqualTo(bad.status())
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://problems.tta.org/" + bad.type())
                .jsonPath("$.status").isEqualTo(bad.status());

        // A marker message on the same session lands on the same partition after anything the bad
        // request could have written; once it arrives, nothing else may be there.
        post(session, Tokens.aPatient("alice"), "{\"text\":\"marker\"}").expectStatus().isAccepted();
        List<ConsumerRecord<String, byte[]>> forSession = awaitRecords(TopicId.SESSION_EVENTS, session, 1);
        assertThat(forSession).hasSize(1);
        assertThat(codec.decode(forSession.get(0).value(), SessionMessage.class).text()).isEqualTo("marker");
    }

    @Test
    void rejectsAMalformedSessionIdWithProblemJson() {
        post("-bad id", Tokens.aPatient("alice"), "{\"text\":\"hi\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/validation-failed");
    }

    @Test
    void hasNoDevTokenEndpoint() {
        http.get().uri("/dev/token?sub=mallory&roles=admin")
                .header("Authorization", "Bearer " + Tokens.aPatient("alice"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void reportsReadyWithKafkaAndExposesPrometheusMetrics() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    private WebTestClient.ResponseSpec post(String session, String token, String json) {
        return http.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    private ConsumerRecord<String, byte[]> only(TopicId topic, String session) {
        List<ConsumerRecord<String, byte[]>> found = awaitRecords(topic, session, 1);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** Reads the topic from the start until at least {@code count} records of the session arrived. */
    private List<ConsumerRecord<String, byte[]>> awaitRecords(TopicId topic, String session, int count) {
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topics.name(topic))) {
            return probe.awaitRecordsWithKey(session, count, Duration.ofSeconds(30));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return KafkaProbe.header(record, name);
    }
}
