package org.tta.safety.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.safety.support.Scans.aScan;
import static org.tta.safety.support.Scans.aSession;
import static org.tta.safety.support.Scans.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.platform.problem.ProblemTypes;
import org.tta.safety.support.Messages;
import org.tta.safety.support.MutableClock;
import org.tta.safety.support.SafetyWorkerIntegrationTest;
import org.tta.safety.support.Scans;
import org.tta.safety.support.WorkerOutputs;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;

/** Deadlines with a controllable clock, and the acknowledge and resolve API end to end. */
@SafetyWorkerIntegrationTest
class EscalationLifecycleIT {

    private static final String NOTE = "Called the patient, safety plan in place, follow-up booked";

    @Autowired
    TopicCatalog topics;
    @Autowired
    MutableClock clock;
    @Autowired
    WebTestClient http;
    @RegisterExtension
    final WorkerOutputs outputs = new WorkerOutputs();

    @Test
    void anUnacknowledgedEscalationReEscalatesToTheNextOnCallLevelPastItsDeadline() {
        String session = aSession();
        SafetyEscalation opened = open(session, Messages.IMMINENT);
        assertThat(opened.tier()).isEqualTo("imminent");

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        SafetyEscalation again = Scans.await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();
        assertThat(again.step()).isEqualTo(SafetyEscalation.STEP_RE_ESCALATED);
        assertThat(again.escalationId()).isEqualTo(opened.escalationId());
        assertThat(again.onCallLevel()).isEqualTo(1);
        assertThat(again.state()).isEqualTo(SafetyEscalation.STATE_OPEN);
        assertThat(again.deadline()).isAfter(opened.deadline());
        assertThat(Scans.await(outputs.audit(), session, 2, AuditRecord.class)).extracting(AuditRecord::action)
                .containsExactly(AuditActions.SAFETY_ESCALATED, AuditActions.SAFETY_ESCALATION_RE_ESCALATED);
    }

    @Test
    void aClinicianAcknowledgesThenResolvesAndTheNoteGoesToTheAuditTrailOnly() {
        String session = aSession();
        SafetyEscalation opened = open(session, Messages.HIGH);
        String id = opened.escalationId();
        awaitState(id, "open", Tokens.anOperator("olga"));

        http.post().uri("/api/v1/escalations/{id}/acknowledge", id).headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .exchange().expectStatus().isAccepted()
                .expectHeader().location("/api/v1/escalations/" + id)
                .expectBody().jsonPath("$.action").isEqualTo("acknowledge").jsonPath("$.commandId").isNotEmpty();
        awaitState(id, "acknowledged", Tokens.aReviewer("rita"));

        // Acknowledged escalations do not re-escalate, however late it gets.
        clock.advance(Duration.ofMinutes(30));
        http.post().uri("/api/v1/escalations/{id}/resolve", id).headers(h -> h.setBearerAuth(Tokens.aReviewer("rita")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\":\"" + NOTE + "\"}")
                .exchange().expectStatus().isAccepted();
        awaitState(id, "resolved", Tokens.aTherapist("theo"));

        List<SafetyEscalation> steps = Scans.await(outputs.escalations(), session, 2, SafetyEscalation.class);
        assertThat(steps).extracting(SafetyEscalation::step)
                .containsExactly(SafetyEscalation.STEP_ACKNOWLEDGED, SafetyEscalation.STEP_RESOLVED);
        assertThat(steps).extracting(SafetyEscalation::actor).containsExactly("theo", "rita");
        assertThat(outputs.escalations().pollFor(Duration.ofSeconds(1))).noneMatch(r -> session.equals(r.key()));
        List<AuditRecord> audited = Scans.await(outputs.audit(), session, 3, AuditRecord.class);
        assertThat(audited).extracting(AuditRecord::action).containsExactly(AuditActions.SAFETY_ESCALATED,
                AuditActions.SAFETY_ESCALATION_ACKNOWLEDGED, AuditActions.SAFETY_ESCALATION_RESOLVED);
        assertThat(audited.get(2).content()).isEqualTo(NOTE);
        assertThat(audited.get(2).actorRole()).isEqualTo("clinical_reviewer");
        assertThat(audited.get(2).outcome()).isEqualTo(AuditOutcomes.SUCCESS);

        http.post().uri("/api/v1/escalations/{id}/acknowledge", id).headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.STATE_CONFLICT.toString())
                .jsonPath("$.state").isEqualTo("resolved");
    }

    @Test
    void aResolvedEscalationLeavesTheReadModelAfterItsRetentionWhileAnOpenOneStays() {
        String resolvedId = open(aSession(), Messages.HIGH).escalationId();
        String openId = open(aSession(), Messages.HIGH).escalationId();
        awaitState(resolvedId, "open", Tokens.aTherapist("theo"));
        http.post().uri("/api/v1/escalations/{id}/resolve", resolvedId).headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\":\"" + NOTE + "\"}")
                .exchange().expectStatus().isAccepted();
        awaitState(resolvedId, "resolved", Tokens.aTherapist("theo"));

        clock.advance(Duration.ofMinutes(9));
        awaitState(resolvedId, "resolved", Tokens.aTherapist("theo"));

        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> http.get().uri("/api/v1/escalations/{id}", resolvedId)
                .headers(h -> h.setBearerAuth(Tokens.aTherapist("theo"))).exchange().expectStatus().isNotFound());
        http.get().uri("/api/v1/escalations").headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.escalationId == '" + resolvedId + "')]").isEmpty()
                .jsonPath("$[?(@.escalationId == '" + openId + "')].state").isEqualTo("open");
    }

    @Test
    void listsOpenEscalationsForOpsButOnlyClinicianCanActOnThem() {
        String session = aSession();
        String id = open(session, Messages.HIGH).escalationId();
        awaitState(id, "open", Tokens.anOperator("olga"));

        http.get().uri("/api/v1/escalations?state=open").headers(h -> h.setBearerAuth(Tokens.anOperator("olga")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.escalationId == '" + id + "')].sessionId").isEqualTo(session);
        http.post().uri("/api/v1/escalations/{id}/acknowledge", id).headers(h -> h.setBearerAuth(Tokens.anOperator("olga")))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.FORBIDDEN.toString());
        http.get().uri("/api/v1/escalations/{id}", id).headers(h -> h.setBearerAuth(Tokens.aPatient("alice")))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/escalations/{id}", id).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void answersProblemsForUnknownIdsBadStatesAndMissingNotes() {
        http.post().uri("/api/v1/escalations/{id}/acknowledge", "0190f1f4-0000-7000-8000-000000000000")
                .headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
        http.get().uri("/api/v1/escalations?state=closed").headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION_FAILED.toString());

        String session = aSession();
        String id = open(session, Messages.HIGH).escalationId();
        awaitState(id, "open", Tokens.aTherapist("theo"));
        http.post().uri("/api/v1/escalations/{id}/resolve", id).headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\":\"  \"}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION_FAILED.toString())
                .jsonPath("$.errors[0].pointer").isEqualTo("/note");
        http.post().uri("/api/v1/escalations/{id}/resolve", id).headers(h -> h.setBearerAuth(Tokens.aTherapist("theo")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\":")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.MALFORMED_REQUEST.toString());
    }

    private SafetyEscalation open(String session, String text) {
        send(topics.name(TopicId.SAFETY_SCANS), aScan(session, text));
        SafetyEscalation opened = Scans.await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();
        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        return opened;
    }

    private void awaitState(String id, String state, String token) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            byte[] body = http.get().uri("/api/v1/escalations/{id}", id).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"state\":\"" + state + "\"");
        });
    }
}
