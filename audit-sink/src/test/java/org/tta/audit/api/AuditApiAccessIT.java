package org.tta.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.tta.audit.support.AuditApi;
import org.tta.audit.support.AuditTopic;
import org.tta.platform.problem.ProblemTypes;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Who may read the audit trail, what each role sees, and how refusals and bad requests look. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=audit-sink")
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiAccessIT {

    private static final String CONTENT = "I have been struggling to sleep";

    @Autowired
    RestTestClient client;
    @Autowired
    TopicCatalog catalog;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    AuditApi api;
    String session;
    AuditRecord record;
    CloudEvent event;

    @BeforeAll
    void givenOneStoredRecord() {
        api = new AuditApi(client);
        session = "session-" + EventIds.newId();
        record = aMessagePosted(session, CONTENT);
        event = anAuditEvent(record);
        try (AuditTopic topic = new AuditTopic(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS))) {
            topic.send(session, event);
        }
        String reviewer = Tokens.aReviewer("rita");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.allRecords(reviewer, session, 10).size() == 1);
    }

    @Test
    void reviewerSeesTheRecordWithItsContent() {
        JsonNode stored = api.allRecords(Tokens.aReviewer("rita"), session, 10).get(0);

        assertThat(stored.get("id").asString()).isEqualTo(event.getId());
        assertThat(stored.get("seq").asLong()).isPositive();
        assertThat(stored.get("sessionId").asString()).isEqualTo(session);
        assertThat(stored.get("action").asString()).isEqualTo(record.action());
        assertThat(stored.get("outcome").asString()).isEqualTo(record.outcome());
        assertThat(stored.get("subjectId").asString()).isEqualTo(record.actorId());
        assertThat(stored.get("subjectRole").asString()).isEqualTo(record.actorRole());
        assertThat(stored.get("resourceType").asString()).isEqualTo(record.resourceType());
        assertThat(stored.get("resourceId").asString()).isEqualTo(record.resourceId());
        assertThat(stored.get("sourceService").asString()).isEqualTo(record.sourceService());
        assertThat(stored.get("eventTime").asString()).isNotBlank();
        assertThat(stored.get("storedAt").asString()).isNotBlank();
        assertThat(stored.get("traceId").asString()).isEqualTo(record.traceId());
        assertThat(stored.get("contentState").asString()).isEqualTo("shown");
        assertThat(stored.get("content").asString()).isEqualTo(CONTENT);
    }

    @Test
    void operatorSeesTheRecordWithoutContent() {
        JsonNode page = api.page(Tokens.anOperator("otto"), session, null, 10, record.action());

        JsonNode stored = page.get("records").get(0);
        assertThat(stored.get("id").asString()).isEqualTo(event.getId());
        assertThat(stored.get("action").asString()).isEqualTo(record.action());
        assertThat(stored.has("content")).isTrue();
        assertThat(stored.get("content").isNull()).isTrue();
        assertThat(stored.get("contentState").asString()).isEqualTo("withheld");
        assertThat(page.toString()).doesNotContain(CONTENT);
    }

    @Test
    void patientIsForbidden() {
        api.get(Tokens.aPatient("pat"), "?reason=curious&sessionId=" + session)
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.FORBIDDEN.toString())
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.records").doesNotExist();
    }

    record BadToken(String name, Function<String, String> token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadToken> badTokens() {
        return Stream.of(
                new BadToken("no token", sub -> null),
                new BadToken("expired token", Tokens::anExpiredToken),
                new BadToken("forged token", Tokens::aForgedToken),
                new BadToken("token of another issuer", Tokens::aTokenFromAnotherIssuer),
                new BadToken("token for another audience", Tokens::aTokenForAnotherAudience),
                new BadToken("unsigned token", Tokens::anUnsignedToken),
                new BadToken("garbage", sub -> "not-a-jwt"));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void rejectsCallersWithoutAValidToken(BadToken bad) {
        api.get(bad.token().apply("mallory"), "?reason=curious&sessionId=" + session)
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHENTICATED.toString())
                .jsonPath("$.status").isEqualTo(401);
    }

    record BadQuery(String name, String query, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadQuery> badQueries() {
        String validation = ProblemTypes.VALIDATION_FAILED.toString();
        String reason = "&reason=review";
        return Stream.of(
                new BadQuery("session id starting with a dash", "?sessionId=-abc" + reason, validation),
                new BadQuery("session id with a forbidden character", "?sessionId=a*b" + reason, validation),
                new BadQuery("session id longer than 128 characters", "?sessionId=" + "x".repeat(129) + reason, validation),
                new BadQuery("no reason", "?sessionId=abc", validation),
                new BadQuery("empty reason", "?sessionId=abc&reason=", validation),
                new BadQuery("limit of zero", "?sessionId=abc&limit=0" + reason, validation),
                new BadQuery("negative limit", "?sessionId=abc&limit=-5" + reason, validation),
                new BadQuery("limit that is not a number", "?sessionId=abc&limit=ten" + reason, validation),
                new BadQuery("unknown parameter", "?sesionId=abc" + reason, validation),
                new BadQuery("severity that does not exist", "?severity=apocalyptic" + reason, validation),
                new BadQuery("time that is not RFC 3339", "?from=yesterday" + reason, validation),
                new BadQuery("cursor that was never issued", "?cursor=AAAA" + reason,
                        ProblemTypes.INVALID_CURSOR.toString()));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void answersABadQueryWithAProblem(BadQuery bad) {
        api.get(Tokens.aReviewer("rita"), bad.query())
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(bad.type())
                .jsonPath("$.status").isEqualTo(400);
    }

    @Test
    void answersAnUnknownPathWithANotFoundProblem() {
        client.get().uri("/api/v1/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aReviewer("rita"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
    }

    @Test
    void answersAWrongMethodWithAMethodNotAllowedProblem() {
        client.post().uri(AuditApi.RECORDS + "?sessionId=" + session)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aReviewer("rita"))
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.METHOD_NOT_ALLOWED.toString());
    }

    @Test
    void answersARequestRejectedBeforeSpringMvcWithAProblemToo() {
        // The security firewall refuses path parameters; the container's error page answers.
        client.get().uri(AuditApi.RECORDS + ";name=value?sessionId=" + session)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aReviewer("rita"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.MALFORMED_REQUEST.toString());
    }

    @Test
    void leavesProbesOpenAndReportsReadinessOfKafkaAndDatabase() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
