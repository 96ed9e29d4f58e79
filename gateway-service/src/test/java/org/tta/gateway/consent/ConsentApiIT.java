package org.tta.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.SessionApi.expectProblem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.session.KeyedRecords;
import org.tta.gateway.session.Session;
import org.tta.gateway.session.SessionApi;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** A participant's own consent changes through the API, recorded on the real audit topic; bad input and outsiders refused. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class ConsentApiIT {

    private static final Participant ALICE = Participant.patient("alice");
    private static final EventCodec CODEC = EventCodec.standard();

    @Autowired
    WebTestClient http;
    @Autowired
    TopicCatalog topics;

    private SessionApi sessions;

    @BeforeEach
    void client() {
        sessions = new SessionApi(http);
    }

    @Test
    void participantGrantsAndRevokesTheirOwnConsentAndEachChangeIsAnAuditRecordOfTheSession() {
        Session session = sessions.create(Tokens.aTherapist("theo"), ALICE);

        ConsentReceipt granted = put(Tokens.aPatient("alice"), session.id(), "{\"consent\":\"granted\"}")
                .expectStatus().isAccepted()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(ConsentReceipt.class).returnResult().getResponseBody();
        put(Tokens.aTherapist("theo"), session.id(), "{\"consent\":\"granted\"}").expectStatus().isAccepted();
        put(Tokens.aPatient("alice"), session.id(), "{\"consent\":\"revoked\"}").expectStatus().isAccepted();

        assertThat(granted.subject()).isEqualTo("alice");
        assertThat(granted.consent()).isEqualTo("granted");
        List<ConsumerRecord<String, byte[]>> records = KeyedRecords.await(topics.name(TopicId.AUDIT_RECORDS), session.id(), 4);
        List<AuditRecord> audits = records.stream().map(r -> CODEC.decode(r.value(), AuditRecord.class)).toList();
        assertThat(audits).extracting(AuditRecord::action).containsExactly(AuditActions.SESSION_CREATED,
                AuditActions.CONSENT_GRANTED, AuditActions.CONSENT_GRANTED, AuditActions.CONSENT_REVOKED);
        assertThat(audits.subList(1, 4)).extracting(AuditRecord::actorId).containsExactly("alice", "theo", "alice");
        AuditRecord grant = audits.get(1);
        assertThat(grant.actorRole()).isEqualTo("patient");
        assertThat(grant.outcome()).isEqualTo(AuditOutcomes.SUCCESS);
        assertThat(grant.sessionId()).isEqualTo(session.id());
        assertThat(grant.resourceType()).isEqualTo("session.consent");
        assertThat(grant.content()).isNull();
        assertThat(grant.occurredAt()).isEqualTo(granted.recordedAt());
        assertThat(records.get(1).headers().lastHeader("ce_id").value())
                .asString(StandardCharsets.UTF_8).isEqualTo(granted.auditId());
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PayloadValidator.standard().validate(PayloadSchema.AUDIT_RECORD, record.value())).isEmpty();
        }
    }

    @Test
    void refusesSomeoneWhoIsNotAParticipantAndAuditsTheRefusal() {
        Session session = sessions.create(Tokens.aTherapist("theo"), ALICE);

        expectProblem(put(Tokens.aPatient("mallory"), session.id(), "{\"consent\":\"revoked\"}"), 403, "not-a-participant");

        List<AuditRecord> audits = KeyedRecords.audits(topics.name(TopicId.AUDIT_RECORDS), session.id(), 2);
        assertThat(audits).extracting(AuditRecord::action).containsExactly(AuditActions.SESSION_CREATED,
                AuditActions.ACCESS_DENIED);
        assertThat(audits.get(1).actorId()).isEqualTo("mallory");
    }

    record Outsider(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Outsider> outsiders() {
        return Stream.of(new Outsider("a service that manages sessions", Tokens.aService("scheduler", "sessions:write")),
                new Outsider("a clinical reviewer", Tokens.aReviewer("rita")),
                new Outsider("an operator", Tokens.anOperator("otto")));
    }

    @ParameterizedTest
    @MethodSource("outsiders")
    void nobodyChangesConsentOnAParticipantsBehalf(Outsider outsider) {
        Session session = sessions.create(Tokens.aTherapist("theo"), ALICE);

        expectProblem(put(outsider.token(), session.id(), "{\"consent\":\"granted\"}"), 403, "forbidden");
    }

    @Test
    void refusesACallWithoutAToken() {
        http.put().uri("/api/v1/sessions/{id}/consent", "s-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"consent\":\"granted\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    record BadInput(String name, String sessionId, String body, MediaType type, int status, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badInput() {
        MediaType json = MediaType.APPLICATION_JSON;
        return Stream.of(
                new BadInput("no body", null, null, json, 400, "malformed-request"),
                new BadInput("not JSON", null, "{consent: granted", json, 400, "malformed-request"),
                new BadInput("an unknown value", null, "{\"consent\":\"maybe\"}", json, 400, "validation-failed"),
                new BadInput("not a string", null, "{\"consent\":true}", json, 400, "validation-failed"),
                new BadInput("an extra property", null, "{\"consent\":\"granted\",\"for\":\"bob\"}", json, 400,
                        "validation-failed"),
                new BadInput("an empty object", null, "{}", json, 400, "validation-failed"),
                new BadInput("a bad session id", "-bad id!", "{\"consent\":\"granted\"}", json, 400, "validation-failed"),
                new BadInput("not JSON media type", null, "consent=granted", MediaType.TEXT_PLAIN, 415,
                        "unsupported-media-type"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void answersBadInputWithAProblemAndRecordsNothing(BadInput bad) {
        Session session = sessions.create(Tokens.aTherapist("theo"), ALICE);
        String sessionId = bad.sessionId() == null ? session.id() : bad.sessionId();

        var request = http.put().uri("/api/v1/sessions/{id}/consent", sessionId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aPatient("alice"))
                .contentType(bad.type());
        var response = bad.body() == null ? request.exchange()
                : request.bodyValue(bad.body().getBytes(StandardCharsets.UTF_8)).exchange();

        expectProblem(response, bad.status(), bad.problem());
        // Only the creation is on record: the refused change wrote nothing.
        put(Tokens.aPatient("alice"), session.id(), "{\"consent\":\"granted\"}").expectStatus().isAccepted();
        List<AuditRecord> audits = KeyedRecords.audits(topics.name(TopicId.AUDIT_RECORDS), session.id(), 2);
        assertThat(audits).extracting(AuditRecord::action).containsExactly(AuditActions.SESSION_CREATED,
                AuditActions.CONSENT_GRANTED);
    }

    private WebTestClient.ResponseSpec put(String token, String sessionId, String json) {
        return http.put().uri("/api/v1/sessions/{id}/consent", sessionId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }
}
