package org.tta.safety.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.Fixtures;
import org.tta.safety.classify.ModelStatus;
import org.tta.safety.classify.SafetyClassifier;
import org.tta.safety.classify.Tier;

/**
 * The external model against a real local HTTP server that answers, hangs and fails: the timeout holds, the breaker
 * opens, the rules decide alone and the result says so.
 */
class ModelFailureTest {

    // Answering tests get a timeout no loaded CI machine reaches; the hanging test a short one.
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    // A correctness ceiling, not a performance target: a hung model must not hold the caller anywhere near this long.
    private static final Duration CALLER_CEILING = Duration.ofSeconds(10);

    private ModelServer server;
    private SimpleMeterRegistry meters;
    private GuardedModel guarded;
    private SafetyClassifier classifier;

    @BeforeEach
    void startTheModel() throws Exception {
        server = new ModelServer();
        withTimeout(GENEROUS);
    }

    private void withTimeout(Duration timeout) {
        meters = new SimpleMeterRegistry();
        ModelProperties properties = new ModelProperties(true, server.url(), "test-model", timeout, 0.5,
                new ModelProperties.Breaker(50, 4, 4, Duration.ofMinutes(5), 1));
        guarded = new GuardedModel(new HttpModerationModel(server.url(), timeout), properties, meters);
        classifier = new SafetyClassifier(Fixtures.shippedRules(), guarded, "test-model", 0.5, meters);
    }

    @AfterEach
    void stopTheModel() {
        server.close();
    }

    @Test
    void modelAnswerInTimeIsCombinedAndCanRaiseTheTier() {
        server.answers("{\"category\":\"suicidal_ideation\",\"tier\":\"high\",\"score\":0.93}");

        Classification result = classifier.classify(Fixtures.aMessage("everyone would be better off without me"));

        assertThat(result.model()).isEqualTo(ModelStatus.USED);
        assertThat(result.category()).isEqualTo(Category.SUICIDAL_IDEATION);
        assertThat(result.tier()).isEqualTo(Tier.HIGH);
        assertThat(result.signals()).extracting(s -> s.ruleId()).containsExactly("model:test-model", "si.passive.wish-dead");
        assertThat(server.lastBody()).isEqualTo("{\"text\":\"everyone would be better off without me\"}");
        assertThat(calls("success")).isEqualTo(1);
    }

    @Test
    void modelNeverLowersTheRulesVerdict() {
        server.answers("{\"category\":\"none\",\"tier\":\"none\",\"score\":0.99}");

        Classification result = classifier.classify(Fixtures.aMessage("I have the pills and I'm taking them tonight"));

        assertThat(result.model()).isEqualTo(ModelStatus.USED);
        assertThat(result.tier()).isEqualTo(Tier.IMMINENT);
    }

    @Test
    void modelBelowItsMinimumScoreAddsNoSignal() {
        server.answers("{\"category\":\"self_harm\",\"tier\":\"high\",\"score\":0.2}");

        Classification result = classifier.classify(Fixtures.aMessage("what a day"));

        assertThat(result.model()).isEqualTo(ModelStatus.USED);
        assertThat(result.tier()).isEqualTo(Tier.NONE);
    }

    @Test
    void hangingModelTimesOutAndTheRulesDecide() {
        withTimeout(TIMEOUT);
        server.mode(ModelServer.Mode.HANG);

        long start = System.nanoTime();
        Classification result = classifier.classify(Fixtures.aMessage("I want to kill myself"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(CALLER_CEILING);
        assertThat(result.model()).isEqualTo(ModelStatus.UNAVAILABLE);
        assertThat(result.tier()).isEqualTo(Tier.HIGH);
        assertThat(result.signals()).extracting(s -> s.ruleId()).doesNotContain("model:test-model");
        assertThat(calls("timeout")).isEqualTo(1);
    }

    @Test
    void failingModelIsReportedUnavailable() {
        server.mode(ModelServer.Mode.FAIL_500);

        Classification result = classifier.classify(Fixtures.aMessage("I want to die"));

        assertThat(result.model()).isEqualTo(ModelStatus.UNAVAILABLE);
        assertThat(result.tier()).isEqualTo(Tier.MODERATE);
        assertThat(calls("error")).isEqualTo(1);
    }

    @Test
    void nonsenseAnswerIsAFailure() {
        server.mode(ModelServer.Mode.GARBAGE);

        assertThat(classifier.classify(Fixtures.aMessage("hello")).model()).isEqualTo(ModelStatus.UNAVAILABLE);
        assertThat(calls("error")).isEqualTo(1);
    }

    @Test
    void breakerOpensAfterRepeatedFailuresAndStopsCallingTheModel() {
        server.mode(ModelServer.Mode.FAIL_500);
        for (int i = 0; i < 4; i++) {
            classifier.classify(Fixtures.aMessage("message " + i));
        }
        assertThat(guarded.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int reached = server.requests();

        server.answers("{\"category\":\"suicidal_ideation\",\"tier\":\"high\",\"score\":0.9}");
        Classification result = classifier.classify(Fixtures.aMessage("I want to kill myself"));

        assertThat(server.requests()).isEqualTo(reached);
        assertThat(result.model()).isEqualTo(ModelStatus.UNAVAILABLE);
        assertThat(result.tier()).isEqualTo(Tier.HIGH);
        assertThat(calls("error")).isEqualTo(4);
        assertThat(calls("rejected")).isEqualTo(1);
    }

    @Test
    void classificationsAreTimedWithTheirTierAndModelStatus() {
        server.mode(ModelServer.Mode.FAIL_500);
        classifier.classify(Fixtures.aMessage("I want to die"));

        assertThat(meters.get("tta.safety.classification").tag("tier", "moderate").tag("model", "unavailable").timer().count())
                .isEqualTo(1);
    }

    private double calls(String outcome) {
        return meters.get("tta.safety.model.calls").tag("outcome", outcome).counter().count();
    }
}
