package org.tta.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.safety.support.Scans.aScan;
import static org.tta.safety.support.Scans.aSession;
import static org.tta.safety.support.Scans.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.platform.problem.ProblemTypes;
import org.tta.safety.classify.linear.StatisticalSignal;
import org.tta.safety.support.Messages;
import org.tta.safety.support.MutableClock;
import org.tta.safety.support.SafetyWorkerIntegrationTest;
import org.tta.safety.support.Scans;
import org.tta.safety.support.WorkerOutputs;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;

/**
 * With the statistical signal enabled, a raise of the signal alone opens a review escalation, which becomes a page
 * when its review deadline passes or the rules escalate in its episode; the API lists escalations by route.
 */
@SafetyWorkerIntegrationTest
// A review deadline unlike the high tier's (10 min), so the test tells which one an escalation got.
@TestPropertySource(properties = {"tta.safety.linear.enabled=true", "tta.safety.escalation.ack-deadline.review=15m"})
class ReviewRouteIT {

    private static final Duration REVIEW_DEADLINE = Duration.ofMinutes(15);

    @Autowired
    TopicCatalog topics;
    @Autowired
    MutableClock clock;
    @Autowired
    WebTestClient http;
    @Autowired
    MeterRegistry meters;
    @RegisterExtension
    final WorkerOutputs outputs = new WorkerOutputs();

    @Test
    void aSignalOnlyRaiseOpensAReviewThatBecomesAPageWhenNobodyAcknowledgesItInTime() {
        String session = aSession();
        send(scans(), aScan(session, Messages.SIGNAL_ONLY));

        SafetyVerdict verdict = Scans.await(outputs.verdicts(), session, 1, SafetyVerdict.class).getFirst();
        SafetyEscalation opened = Scans.await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();
        assertThat(verdict.signals().getFirst().ruleId()).startsWith(StatisticalSignal.ID_PREFIX);
        assertThat(verdict.route()).isEqualTo(SafetyEscalation.ROUTE_REVIEW);
        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertThat(opened.route()).isEqualTo(SafetyEscalation.ROUTE_REVIEW);
        assertThat(opened.deadline()).isEqualTo(opened.occurredAt().plus(REVIEW_DEADLINE));

        clock.advance(REVIEW_DEADLINE.plusSeconds(1));

        SafetyEscalation paged = Scans.await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();
        assertThat(paged.escalationId()).isEqualTo(opened.escalationId());
        assertThat(paged.step()).isEqualTo(SafetyEscalation.STEP_RE_ESCALATED);
        assertThat(paged.route()).isEqualTo(SafetyEscalation.ROUTE_PAGE);
        assertThat(paged.previousRoute()).isEqualTo(SafetyEscalation.ROUTE_REVIEW);
        assertThat(paged.onCallLevel()).isZero();
        assertThat(paged.state()).isEqualTo(SafetyEscalation.STATE_OPEN);
        assertThat(paged.deadline()).isEqualTo(paged.occurredAt().plus(Duration.ofMinutes(10)));
        assertThat(Scans.await(outputs.audit(), session, 2, AuditRecord.class)).extracting(AuditRecord::action)
                .containsExactly(AuditActions.SAFETY_ESCALATED, AuditActions.SAFETY_ESCALATION_PAGED);
        assertThat(meters.counter("tta.safety.escalation.review.conversions", "cause", "deadline").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRulesEscalationInTheSameSessionMakesTheReviewAPageInsteadOfOpeningAnother() {
        String session = aSession();
        send(scans(), aScan(session, Messages.SIGNAL_ONLY));
        send(scans(), aScan(session, Messages.IMMINENT));

        List<SafetyEscalation> steps = Scans.await(outputs.escalations(), session, 2, SafetyEscalation.class);
        List<SafetyVerdict> decided = Scans.await(outputs.verdicts(), session, 2, SafetyVerdict.class);

        assertThat(steps).extracting(SafetyEscalation::step)
                .containsExactly(SafetyEscalation.STEP_OPENED, SafetyEscalation.STEP_UPDATED);
        assertThat(steps).extracting(SafetyEscalation::escalationId).containsOnly(steps.getFirst().escalationId());
        assertThat(steps).extracting(SafetyEscalation::route)
                .containsExactly(SafetyEscalation.ROUTE_REVIEW, SafetyEscalation.ROUTE_PAGE);
        assertThat(steps.get(1).previousRoute()).isEqualTo(SafetyEscalation.ROUTE_REVIEW);
        assertThat(steps.get(1).tier()).isEqualTo("imminent");
        assertThat(decided).extracting(SafetyVerdict::route)
                .containsExactly(SafetyEscalation.ROUTE_REVIEW, SafetyEscalation.ROUTE_PAGE);
        assertThat(outputs.escalations().pollFor(Duration.ofSeconds(1))).noneMatch(r -> session.equals(r.key()));
    }

    @Test
    void listsEscalationsByRouteAndRefusesAnUnknownRoute() {
        String reviewSession = aSession();
        String pageSession = aSession();
        // One session at a time: the probe drops the records of other keys while it waits for one.
        send(scans(), aScan(reviewSession, Messages.SIGNAL_ONLY));
        String review = Scans.await(outputs.escalations(), reviewSession, 1, SafetyEscalation.class).getFirst().escalationId();
        send(scans(), aScan(pageSession, Messages.HIGH));
        String page = Scans.await(outputs.escalations(), pageSession, 1, SafetyEscalation.class).getFirst().escalationId();
        String theo = Tokens.aTherapist("theo");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String body = list("/api/v1/escalations?state=open&route=review", theo);
            assertThat(body).contains(review).doesNotContain(page).contains("\"route\":\"review\"");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(list("/api/v1/escalations?state=open&route=page", theo)).contains(page).doesNotContain(review));
        assertThat(list("/api/v1/escalations?state=open", theo)).contains(page, review);
        http.get().uri("/api/v1/escalations?state=open&route=pager").headers(h -> h.setBearerAuth(theo))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION_FAILED.toString())
                .jsonPath("$.errors[0].pointer").isEqualTo("/route");
    }

    private String list(String uri, String token) {
        byte[] body = http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
    }

    private String scans() {
        return topics.name(TopicId.SAFETY_SCANS);
    }
}
