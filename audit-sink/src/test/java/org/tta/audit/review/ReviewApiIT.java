package org.tta.audit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.audit.review.support.Entries.aConsent;
import static org.tta.audit.review.support.Entries.aMessage;
import static org.tta.audit.review.support.Entries.aRefusal;
import static org.tta.audit.review.support.Entries.aVerdict;
import static org.tta.audit.review.support.Entries.anEscalationStep;
import static org.tta.audit.review.support.Entries.anEscalationStepOnRoute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tta.audit.review.support.ReviewApi;
import org.tta.audit.review.support.ReviewApi.Answer;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.platform.problem.ProblemTypes;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The reviewer read API against the real store: paging, the timeline, who sees what, and that every read is on
 * record. The trail is written through the store's own insert path (chained and encrypted) once for the class.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=audit-sink")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewApiIT {

    static final Instant T0 = Instant.parse("2026-10-01T10:00:00Z");
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final int BIG = 1_005;

    @Autowired
    AuditRecordStore store;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    ReviewApi api;
    String reviewer = Tokens.aReviewer("rita");
    String operator = Tokens.anOperator("otto");
    String session = "session-a-" + EventIds.newId();
    String bigSession = "session-big-" + EventIds.newId();
    String escalationId = "esc-" + EventIds.newId();
    String reviewSession = "session-r-" + EventIds.newId();
    String reviewId = "esc-" + EventIds.newId();
    List<String> messageIds = new ArrayList<>();

    @BeforeAll
    void givenATrail() {
        api = new ReviewApi(port);
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(aConsent(session, "alice", AuditActions.CONSENT_GRANTED, T0));
        for (int i = 1; i <= 25; i++) {
            AuditEntry message = aMessage(session, T0.plusSeconds(60L * i), "alice", i == 3 ? FORMULA : "message " + i);
            messageIds.add(message.eventId());
            entries.add(message);
        }
        entries.add(aVerdict(session, T0.plusSeconds(630), "high", "self_harm"));
        entries.add(anEscalationStep(session, escalationId, "raised", T0.plusSeconds(631), null));
        entries.add(anEscalationStep(session, escalationId, "acknowledged", T0.plusSeconds(751), "theo"));
        entries.add(aConsent(session, "alice", AuditActions.CONSENT_REVOKED, T0.plusSeconds(3600)));
        entries.add(anEscalationStepOnRoute(reviewSession, reviewId, "open", T0.plusSeconds(700), null,
                SafetyEscalation.ROUTE_REVIEW));
        entries.add(anEscalationStepOnRoute(reviewSession, reviewId, "open", T0.plusSeconds(1600), null,
                SafetyEscalation.ROUTE_PAGE));
        entries.add(aRefusal("mallory", "evil-app", T0.plusSeconds(5)));
        store.append(entries);
        store.append(IntStream.range(0, BIG)
                .mapToObj(i -> aMessage(bigSession, T0.plusMillis(i), "bob", "big " + i)).toList());
    }

    @Test
    void pagesThroughRecordsInEventTimeOrderWithoutGapsOrRepeats() {
        List<JsonNode> records = api.allRecords(reviewer, 7, "sessionId", session, "action", AuditActions.MESSAGE_POSTED);

        assertThat(records).extracting(r -> r.get("id").asString()).containsExactlyElementsOf(messageIds);
        assertThat(records).extracting(r -> Instant.parse(r.get("eventTime").asString())).isSorted();
    }

    @Test
    void showsTheSessionTimelineInOrderWithSafetyEventsConsentAndThisRead() {
        JsonNode page = api.ok(reviewer, "/sessions/" + session + "/timeline", "reason", ReviewApi.REASON);

        List<String> lanes = new ArrayList<>();
        page.get("entries").forEach(e -> lanes.add(e.get("lane").asString()));
        assertThat(lanes.getFirst()).isEqualTo("consent");
        assertThat(lanes).containsSubsequence("message", "verdict", "escalation", "escalation", "message", "consent",
                "access");
        assertThat(lanes.indexOf("verdict")).isEqualTo(11);
        JsonNode last = page.get("entries").get(page.get("entries").size() - 1);
        assertThat(last.get("action").asString()).isEqualTo(AuditActions.AUDIT_ACCESSED);
        assertThat(last.get("id").asString()).isEqualTo(page.get("accessId").asString());
        assertThat(page.get("entries").get(3).get("content").asString()).isEqualTo(FORMULA);
    }

    @Test
    void recordsEveryReadWithWhoWhatAndWhy() {
        String reason = "incident 42 follow-up " + EventIds.newId();

        String recordsRead = api.ok(reviewer, "/records", "sessionId", session, "reason", reason).get("accessId").asString();
        String timelineRead = api.ok(operator, "/sessions/" + session + "/timeline", "reason", reason)
                .get("accessId").asString();
        assertThat(api.get(reviewer, "/export", "format", "csv", "sessionId", session, "reason", reason).status())
                .isEqualTo(200);
        assertThat(api.get(operator, "/reports/consent", "from", T0.toString(), "to", T0.plusSeconds(86400).toString(),
                "reason", reason).status()).isEqualTo(200);

        List<java.util.Map<String, Object>> rows = jdbc.queryForList("""
                select event_id, subject_id, subject_role, resource_type, session_id, outcome
                from audit_record where action = ? and payload ->> 'reason' = ? order by event_time, seq""",
                AuditActions.AUDIT_ACCESSED, reason);
        assertThat(rows).extracting(r -> r.get("resource_type"))
                .containsExactly("audit.records", "audit.timeline", "audit.export", "audit.report");
        assertThat(rows).extracting(r -> r.get("subject_id")).containsExactly("rita", "otto", "rita", "otto");
        assertThat(rows).extracting(r -> r.get("subject_role"))
                .containsExactly("clinical_reviewer", "ops", "clinical_reviewer", "ops");
        assertThat(rows).extracting(r -> r.get("session_id")).containsExactly(session, session, session, null);
        assertThat(rows).extracting(r -> r.get("event_id")).contains(recordsRead, timelineRead);
    }

    @Test
    void refusesAReadWithoutAReasonAndReadsNothing() {
        String nora = "nora-" + EventIds.newId();
        String[] period = {"from", T0.toString(), "to", T0.plusSeconds(60).toString()};
        for (Answer answer : List.of(
                api.get(Tokens.aReviewer(nora), "/records", "sessionId", session),
                api.get(Tokens.aReviewer(nora), "/sessions/" + session + "/timeline"),
                api.get(Tokens.aReviewer(nora), "/export", "sessionId", session),
                api.get(Tokens.aReviewer(nora), "/reports/api-usage", period))) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asString()).isEqualTo(ProblemTypes.VALIDATION_FAILED.toString());
            assertThat(answer.json().get("errors").toString()).contains("reason");
            assertThat(answer.body()).doesNotContain("message ");
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_record where subject_id = ?", Integer.class, nora))
                .isZero();
    }

    @Test
    void capsAPageSizeOfAMillionAtTheMaximum() {
        JsonNode page = api.ok(reviewer, "/records", "sessionId", bigSession, "limit", "1000000", "reason", ReviewApi.REASON);

        assertThat(page.get("limit").asInt()).isEqualTo(1000);
        assertThat(page.get("records").size()).isEqualTo(1000);
        assertThat(page.get("next").isNull()).isFalse();
    }

    @Test
    void answersATamperedCursorWithAProblem() {
        String cursor = api.ok(reviewer, "/records", "sessionId", session, "limit", "2", "reason", ReviewApi.REASON)
                .get("next").asString();
        char flipped = cursor.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, 10) + flipped + cursor.substring(11);

        for (Answer answer : List.of(
                api.get(reviewer, "/records", "sessionId", session, "limit", "2", "cursor", tampered, "reason", "r"),
                // a genuine cursor replayed on other filters, to read past what the first query allowed
                api.get(reviewer, "/records", "sessionId", bigSession, "limit", "2", "cursor", cursor, "reason", "r"),
                api.get(reviewer, "/sessions/" + session + "/timeline", "cursor", cursor, "reason", "r"))) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asString()).isEqualTo(ProblemTypes.INVALID_CURSOR.toString());
            assertThat(answer.body()).doesNotContain("message ");
        }
    }

    @Test
    void forbidsCallersWithoutAReviewerRoleAndRecordsTheAttempt() {
        String patient = "pat-" + EventIds.newId();
        List<String> tokens = List.of(Tokens.aPatient(patient), Tokens.aTherapist("theo"), Tokens.anAdmin("ada"),
                Tokens.aService("narrative-engine", "events:publish"));
        for (String token : tokens) {
            for (String path : List.of("/records", "/sessions/" + session + "/timeline", "/export", "/reports/consent",
                    "/sessions/" + session + "/verify")) {
                Answer answer = api.get(token, path, "sessionId", session, "reason", ReviewApi.REASON);
                assertThat(answer.status()).as(path).isEqualTo(403);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().get("type").asString()).isEqualTo(ProblemTypes.FORBIDDEN.toString());
                assertThat(answer.body()).doesNotContain("message ", "alice");
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_record where subject_id = ? and action = ?",
                Integer.class, patient, AuditActions.ACCESS_DENIED)).isEqualTo(5);
    }

    @Test
    void showsOperatorsMetadataWithoutContent() {
        JsonNode timeline = api.ok(operator, "/sessions/" + session + "/timeline", "reason", ReviewApi.REASON);
        Answer ndjson = api.get(operator, "/export", "sessionId", session, "reason", ReviewApi.REASON);
        Answer csv = api.get(operator, "/export", "format", "csv", "sessionId", session, "reason", ReviewApi.REASON);

        timeline.get("entries").forEach(e -> {
            if (e.get("lane").asString().equals("message")) {
                assertThat(e.get("contentState").asString()).isEqualTo("withheld");
                assertThat(e.get("content").isNull()).isTrue();
                assertThat(e.get("subjectId").asString()).isEqualTo("alice");
            }
        });
        for (String body : List.of(timeline.toString(), ndjson.body(), csv.body())) {
            assertThat(body).doesNotContain("message 1", "HYPERLINK").contains(messageIds.getFirst());
        }
    }

    @Test
    void streamsAnExportInChunksRowByRow() {
        Answer answer = api.get(reviewer, "/export", "format", "ndjson", "sessionId", bigSession,
                "action", AuditActions.MESSAGE_POSTED, "reason", ReviewApi.REASON);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/x-ndjson");
        assertThat(answer.headers().firstValue("transfer-encoding")).hasValue("chunked");
        assertThat(answer.headers().firstValue("content-length")).isEmpty();
        assertThat(answer.headers().firstValue("content-disposition").orElseThrow()).startsWith("attachment");
        List<String> lines = answer.body().lines().toList();
        assertThat(lines).hasSize(BIG);
        assertThat(lines.getFirst()).contains("\"content\":\"big 0\"");
        assertThat(lines.getLast()).contains("\"content\":\"big " + (BIG - 1) + "\"");
    }

    @Test
    void exportsCsvThatASpreadsheetWillNotRun() {
        Answer answer = api.get(reviewer, "/export", "format", "csv", "sessionId", session, "action",
                AuditActions.MESSAGE_POSTED, "reason", ReviewApi.REASON);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/csv");
        List<String> lines = answer.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("\"id\",\"seq\",\"kind\",\"lane\"");
        assertThat(lines).hasSize(26);
        assertThat(answer.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")
                .doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void reportsApiUsageSecurityEventsEscalationsAndConsentForAPeriod() {
        String[] period = {"from", T0.minusSeconds(3600).toString(), "to", T0.plusSeconds(86400).toString(),
                "reason", ReviewApi.REASON};

        JsonNode usage = api.ok(operator, "/reports/api-usage", period);
        JsonNode security = api.ok(operator, "/reports/security-events", period);
        JsonNode escalations = api.ok(reviewer, "/reports/escalations", period);
        JsonNode consent = api.ok(reviewer, "/reports/consent", period);
        Answer consentCsv = api.get(reviewer, "/reports/consent", withFormat(period, "csv"));

        assertThat(usage.get("rows").toString()).contains("\"client\":\"tta-web\"");
        assertThat(find(usage, "client", "tta-web", "action", AuditActions.MESSAGE_POSTED).get("count").asLong())
                .isGreaterThanOrEqualTo(25);
        JsonNode refusal = find(security, "subjectId", "mallory", "action", AuditActions.ACCESS_DENIED);
        assertThat(refusal.get("clientId").asString()).isEqualTo("evil-app");
        assertThat(refusal.get("clientIp").asString()).isEqualTo("198.51.100.9");
        JsonNode escalation = find(escalations, "escalationId", escalationId, "sessionId", session);
        assertThat(escalation.get("acknowledgedBy").asString()).isEqualTo("theo");
        assertThat(escalation.get("secondsToAcknowledge").asDouble()).isEqualTo(120.0);
        assertThat(escalation.get("severity").asString()).isEqualTo("high");
        assertThat(escalation.get("route").asString()).as("a step without a route is a page")
                .isEqualTo(SafetyEscalation.ROUTE_PAGE);
        assertThat(Instant.parse(escalation.get("pagedAt").asString())).isEqualTo(T0.plusSeconds(631));
        JsonNode review = find(escalations, "escalationId", reviewId, "sessionId", reviewSession);
        assertThat(review.get("route").asString()).isEqualTo(SafetyEscalation.ROUTE_REVIEW);
        assertThat(Instant.parse(review.get("pagedAt").asString())).as("when the review became a page")
                .isEqualTo(T0.plusSeconds(1600));
        assertThat(find(consent, "sessionId", session, "action", AuditActions.CONSENT_GRANTED).get("subjectId")
                .asString()).isEqualTo("alice");
        assertThat(find(consent, "sessionId", session, "action", AuditActions.CONSENT_REVOKED)).isNotNull();
        assertThat(consentCsv.contentType()).startsWith("text/csv");
        assertThat(consentCsv.body().lines().findFirst()).hasValue(
                "\"eventTime\",\"action\",\"subjectId\",\"subjectRole\",\"sessionId\",\"outcome\",\"sourceService\"");
        assertThat(consentCsv.body()).contains(session);
    }

    @Test
    void refusesToReadWhenTheAccessCannotBeRecorded() {
        // The store claims every event id in audit_event_id first: without it, no insert can succeed.
        jdbc.execute("alter table audit_event_id rename to audit_event_id_offline");
        try {
            Answer answer = api.get(reviewer, "/sessions/" + session + "/timeline", "reason", ReviewApi.REASON);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.headers().firstValue("retry-after")).isPresent();
            assertThat(answer.json().get("type").asString()).isEqualTo(ProblemTypes.AUDIT_TRAIL_UNAVAILABLE.toString());
            assertThat(answer.body()).doesNotContain("message ", "alice");
        } finally {
            jdbc.execute("alter table audit_event_id_offline rename to audit_event_id");
        }
    }

    record Injection(String parameter, String value) {
        @Override
        public String toString() {
            return parameter + " = " + value;
        }
    }

    static final List<String> HOSTILE = List.of("' OR '1'='1", "x'OR'1'='1'--", "1; DROP TABLE audit_record; --",
            "s') UNION SELECT wrapped_key FROM audit_data_key --", "\" OR \"\"=\"", "%' OR 1=1 --",
            "'; select pg_sleep(5); --", "admin'--", "1 OR 1=1", "$$; truncate audit_record; $$",
            "2026-10-01T10:00:00Z' OR '1'='1");

    static java.util.stream.Stream<Injection> injections() {
        return java.util.stream.Stream.of("sessionId", "subject", "action", "severity", "from", "to", "limit",
                "cursor", "reason")
                .flatMap(parameter -> HOSTILE.stream().map(value -> new Injection(parameter, value)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("injections")
    void treatsSqlInjectionInAnyFilterAsPlainData(Injection injection) {
        long before = trailRows();
        List<String> parameters = new ArrayList<>(List.of(injection.parameter(), injection.value()));
        if (!injection.parameter().equals("sessionId")) {
            parameters.addAll(List.of("sessionId", session));
        }
        if (!injection.parameter().equals("reason")) {
            parameters.addAll(List.of("reason", ReviewApi.REASON));
        }

        Answer answer = api.get(reviewer, "/records", parameters.toArray(String[]::new));

        assertThat(answer.status()).isIn(200, 400);
        if (answer.status() == 400) {
            assertThat(answer.json().get("type").asString())
                    .isIn(ProblemTypes.VALIDATION_FAILED.toString(), ProblemTypes.INVALID_CURSOR.toString());
            assertThat(answer.body()).doesNotContain(injection.value());
        } else if (injection.parameter().equals("reason")) {
            // A free-text reason is data: stored verbatim, and the read is what it would have been.
            assertThat(answer.json().get("records").size()).isGreaterThan(0);
            assertThat(jdbc.queryForObject("select payload ->> 'reason' from audit_record where event_id = ?",
                    String.class, answer.json().get("accessId").asString())).isEqualTo(injection.value().strip());
        } else {
            // A value that passes its rule only matches itself: nothing outside the filter leaks.
            assertThat(answer.json().get("records").size()).isZero();
        }
        assertThat(trailRows()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from audit_data_key", Long.class)).isPositive();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("hostileValues")
    void treatsSqlInjectionInTheSessionPathOrReportAsABadRequest(String value) {
        long before = trailRows();
        String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");

        Answer timeline = api.get(reviewer, "/sessions/" + encoded + "/timeline", "reason", ReviewApi.REASON);
        Answer report = api.get(reviewer, "/reports/" + encoded, "from", T0.toString(), "to",
                T0.plusSeconds(60).toString(), "reason", ReviewApi.REASON);
        Answer export = api.get(reviewer, "/export", "format", value, "reason", ReviewApi.REASON);
        Answer verify = api.get(reviewer, "/sessions/" + encoded + "/verify", "reason", ReviewApi.REASON);

        for (Answer answer : List.of(timeline, report, export, verify)) {
            assertThat(answer.status()).isIn(400, 404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(trailRows()).isEqualTo(before);
    }

    static List<String> hostileValues() {
        return HOSTILE;
    }

    /** Rows of the trail other than the reads and refusals the tests themselves cause. */
    private long trailRows() {
        return jdbc.queryForObject("select count(*) from audit_record where action not in (?, ?)", Long.class,
                AuditActions.AUDIT_ACCESSED, AuditActions.ACCESS_DENIED);
    }

    private static String[] withFormat(String[] parameters, String format) {
        List<String> all = new ArrayList<>(List.of(parameters));
        all.addAll(List.of("format", format));
        return all.toArray(String[]::new);
    }

    private static JsonNode find(JsonNode report, String field, String value, String otherField, String otherValue) {
        for (JsonNode row : report.get("rows")) {
            if (value.equals(row.path(field).asString(null)) && otherValue.equals(row.path(otherField).asString(null))) {
                return row;
            }
        }
        throw new AssertionError("No row with " + field + "=" + value + " and " + otherField + "=" + otherValue
                + " in " + report.get("rows"));
    }
}
