package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.SessionApi.creation;
import static org.tta.gateway.session.SessionApi.expectProblem;
import static org.tta.gateway.session.SessionApi.replacement;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

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
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** Creating, reading and re-staffing sessions through the API, against real Kafka and Redis. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class SessionsApiIT {

    private static final Participant ALICE = Participant.patient("alice");
    private static final Participant BOB = Participant.patient("bob");
    private static final Participant THEO = Participant.therapist("theo");

    @Autowired
    WebTestClient http;

    @Autowired
    TopicCatalog topics;

    private SessionApi api;

    @BeforeEach
    void client() {
        api = new SessionApi(http);
    }

    @Test
    void createsASessionWithItsTherapistAndAuditsTheCreation() {
        var result = api.post(Tokens.aTherapist("theo"), creation("Tuesday check-in", ALICE))
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody(Session.class).returnResult();
        Session session = result.getResponseBody();

        assertThat(UUID.fromString(session.id()).version()).isEqualTo(7);
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/sessions/" + session.id());
        assertThat(session.title()).isEqualTo("Tuesday check-in");
        assertThat(session.participants()).containsExactly(ALICE, THEO);
        assertThat(session.createdBy()).isEqualTo("theo");
        assertThat(session.createdAt()).isNotNull();
        assertThat(session.version()).isEqualTo(1);

        AuditRecord audit = KeyedRecords.audits(topics.name(TopicId.AUDIT_RECORDS), session.id(), 1).get(0);
        assertThat(audit.action()).isEqualTo(AuditActions.SESSION_CREATED);
        assertThat(audit.actorId()).isEqualTo("theo");
        assertThat(audit.sessionId()).isEqualTo(session.id());
        assertThat(audit.content()).isEqualTo("patient:alice therapist:theo");
    }

    record Viewer(String name, String token, int status, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Viewer> viewers() {
        return Stream.of(
                new Viewer("participating patient", Tokens.aPatient("alice"), 200, null),
                new Viewer("participating therapist", Tokens.aTherapist("theo"), 200, null),
                new Viewer("admin", Tokens.anAdmin("ada"), 200, null),
                new Viewer("service managing sessions", Tokens.aService("narrative-engine", "sessions:write"), 200, null),
                new Viewer("other patient", Tokens.aPatient("mallory"), 403, "not-a-participant"),
                new Viewer("other therapist", Tokens.aTherapist("tom"), 403, "not-a-participant"),
                new Viewer("clinical reviewer", Tokens.aReviewer("rita"), 403, "not-a-participant"),
                new Viewer("service without sessions:write", Tokens.aService("player-service", "events:publish"), 403, "not-a-participant"));
    }

    @ParameterizedTest
    @MethodSource("viewers")
    void showsASessionToItsParticipantsAdminsAndManagingServicesOnly(Viewer viewer) {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);

        var response = api.get(viewer.token(), session.id());

        if (viewer.status() == 200) {
            response.expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                    .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                    .expectBody(Session.class).isEqualTo(session);
        } else {
            expectProblem(response, viewer.status(), viewer.problem());
        }
    }

    @Test
    void auditsARefusedRead() {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);

        expectProblem(api.get(Tokens.aPatient("mallory"), session.id()), 403, "not-a-participant");

        List<AuditRecord> audits = KeyedRecords.audits(topics.name(TopicId.AUDIT_RECORDS), session.id(), 2);
        assertThat(audits).extracting(AuditRecord::action).containsExactly(AuditActions.SESSION_CREATED, AuditActions.ACCESS_DENIED);
        assertThat(audits.get(1).actorId()).isEqualTo("mallory");
        assertThat(audits.get(1).content()).isNull();
    }

    @Test
    void hidesWhetherAnUnknownIdExistsFromAllButThoseWhoSeeEverySession() {
        String unknown = UUID.randomUUID().toString();

        expectProblem(api.get(Tokens.aPatient("alice"), unknown), 403, "not-a-participant");
        expectProblem(api.get(Tokens.aTherapist("theo"), unknown), 403, "not-a-participant");
        expectProblem(api.get(Tokens.anAdmin("ada"), unknown), 404, "not-found");
        expectProblem(api.get(Tokens.aService("narrative-engine", "sessions:write"), unknown), 404, "not-found");
        expectProblem(api.replace(Tokens.aTherapist("theo"), unknown, replacement(ALICE), null), 403, "not-a-participant");
        expectProblem(api.replace(Tokens.aService("narrative-engine", "sessions:write"), unknown, replacement(ALICE), null),
                404, "not-found");
    }

    @Test
    void replacesTheParticipantsAndMovesToTheNextVersion() {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);

        Session next = api.replace(Tokens.aTherapist("theo"), session.id(), replacement(BOB, THEO), "\"1\"")
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"")
                .expectBody(Session.class).returnResult().getResponseBody();

        assertThat(next.participants()).containsExactly(BOB, THEO);
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.createdAt()).isEqualTo(session.createdAt());
        api.get(Tokens.aPatient("bob"), session.id()).expectStatus().isOk().expectBody(Session.class).isEqualTo(next);
        expectProblem(api.get(Tokens.aPatient("alice"), session.id()), 403, "not-a-participant");

        AuditRecord change = KeyedRecords.audits(topics.name(TopicId.AUDIT_RECORDS), session.id(), 2).get(1);
        assertThat(change.action()).isEqualTo(AuditActions.SESSION_PARTICIPANTS_CHANGED);
        assertThat(change.actorId()).isEqualTo("theo");
        assertThat(change.content()).isEqualTo("patient:bob therapist:theo");
    }

    @Test
    void refusesAStaleIfMatchWith412AndChangesNothing() {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);
        api.replace(Tokens.aTherapist("theo"), session.id(), replacement(ALICE, BOB, THEO), null).expectStatus().isOk();

        expectProblem(api.replace(Tokens.aTherapist("theo"), session.id(), replacement(THEO), "\"1\""), 412, "precondition-failed");

        api.get(Tokens.aPatient("alice"), session.id()).expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(2).jsonPath("$.participants.length()").isEqualTo(3);
    }

    @Test
    void letsOnlyTherapistsOfTheSessionAndManagingServicesReplaceParticipants() {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);

        expectProblem(api.replace(Tokens.aTherapist("tom"), session.id(), replacement(THEO), null), 403, "not-a-participant");
        expectProblem(api.replace(Tokens.aPatient("alice"), session.id(), replacement(ALICE), null), 403, "forbidden");
        expectProblem(api.replace(Tokens.anAdmin("ada"), session.id(), replacement(ALICE), null), 403, "forbidden");
        api.replace(Tokens.aService("narrative-engine", "sessions:write"), session.id(), replacement(ALICE, BOB), null)
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
    }

    record BadBody(String name, String contentType, String body, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadBody> badBodies() {
        String json = MediaType.APPLICATION_JSON_VALUE;
        String alice = "{\"subject\":\"alice\",\"role\":\"patient\"}";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"subject\":\"p").append(i).append("\",\"role\":\"patient\"}");
        }
        return Stream.of(
                new BadBody("malformed json", json, "{\"participants\":[", 400, "malformed-request"),
                new BadBody("empty body", json, "", 400, "malformed-request"),
                new BadBody("no participants", json, "{}", 400, "validation-failed"),
                new BadBody("empty participants", json, "{\"participants\":[]}", 400, "validation-failed"),
                new BadBody("51 participants", json, "{\"participants\":[" + many + "]}", 400, "validation-failed"),
                new BadBody("subject twice", json, "{\"participants\":[" + alice + ",{\"subject\":\"alice\",\"role\":\"therapist\"}]}",
                        400, "validation-failed"),
                new BadBody("unknown role", json, "{\"participants\":[{\"subject\":\"alice\",\"role\":\"admin\"}]}", 400, "validation-failed"),
                new BadBody("subject of 129 chars", json, "{\"participants\":[{\"subject\":\"" + "s".repeat(129) + "\",\"role\":\"patient\"}]}",
                        400, "validation-failed"),
                new BadBody("subject with a space", json, "{\"participants\":[{\"subject\":\"a b\",\"role\":\"patient\"}]}", 400, "validation-failed"),
                new BadBody("participants not a list", json, "{\"participants\":" + alice + "}", 400, "validation-failed"),
                new BadBody("unknown field", json, "{\"participants\":[" + alice + "],\"owner\":\"mallory\"}", 400, "validation-failed"),
                new BadBody("wrong content type", MediaType.TEXT_PLAIN_VALUE, "{\"participants\":[" + alice + "]}", 415, "unsupported-media-type"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void refusesABadCreationBody(BadBody bad) {
        var response = http.post().uri("/api/v1/sessions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aTherapist("theo"))
                .header(HttpHeaders.CONTENT_TYPE, bad.contentType())
                .bodyValue(bad.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange();

        expectProblem(response, bad.status(), bad.type());
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void refusesABadReplacementBodyAndChangesNothing(BadBody bad) {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);

        var response = http.put().uri("/api/v1/sessions/{id}/participants", session.id())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aTherapist("theo"))
                .header(HttpHeaders.CONTENT_TYPE, bad.contentType())
                .bodyValue(bad.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange();

        expectProblem(response, bad.status(), bad.type());
        api.get(Tokens.aTherapist("theo"), session.id()).expectStatus().isOk().expectBody(Session.class).isEqualTo(session);
    }

    static Stream<BadBody> badTitles() {
        return Stream.of(
                new BadBody("title of 201 chars", null, "t".repeat(201), 400, "validation-failed"),
                new BadBody("empty title", null, "", 400, "validation-failed"),
                new BadBody("control character", null, "a\u0000b", 400, "validation-failed"),
                new BadBody("escape sequence", null, "a\u001b[31mb", 400, "validation-failed"),
                new BadBody("right-to-left override", null, "a\u202eb", 400, "validation-failed"));
    }

    @ParameterizedTest
    @MethodSource("badTitles")
    void refusesABadTitle(BadBody bad) {
        expectProblem(api.post(Tokens.aTherapist("theo"), creation(bad.body(), ALICE)), bad.status(), bad.type());
    }

    @Test
    void refusesAMalformedSessionId() {
        expectProblem(api.get(Tokens.aTherapist("theo"), "-bad id"), 400, "validation-failed");
    }

    @Test
    void refusesCreationToPatientsAndToServicesWithoutSessionsWrite() {
        expectProblem(api.post(Tokens.aPatient("alice"), creation(null, ALICE)), 403, "forbidden");
        expectProblem(api.post(Tokens.aService("player-service", "events:publish"), creation(null, ALICE)), 403, "forbidden");
        expectProblem(api.post("not-a-jwt", creation(null, ALICE)), 401, "unauthenticated");
    }
}
