package org.tta.safety.classify.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classifier;
import org.tta.safety.classify.Fixtures;
import org.tta.safety.classify.Tier;

/**
 * The evaluation gate: classifies every labelled message with the shipped rules, writes the report to
 * {@code target/safety-eval-report.md} (and prints it), and fails when the escalation tiers lose recall or precision.
 */
class SafetyEvalTest {

    static final double RECALL_FLOOR = 0.98;
    static final double PRECISION_FLOOR = 0.85;

    private static List<EvalCase> cases;
    private static EvalScore score;
    private static EvalSet.Baseline baseline;

    @BeforeAll
    static void classifyTheEvaluationSet() throws Exception {
        cases = EvalSet.messages();
        baseline = EvalSet.baseline();
        Classifier classifier = Fixtures.rulesOnlyClassifier();
        score = new EvalScore();
        for (EvalCase c : cases) {
            score.add(c, classifier.classify(Fixtures.aMessage(c.text())));
        }
        String report = EvalReport.render(score, Fixtures.shippedRules().version(), baseline);
        Path out = Path.of("target", "safety-eval-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    @Test
    void evaluationSetCoversEveryCategoryTierAndTrap() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases).extracting(EvalCase::category).containsAll(EnumSet.allOf(Category.class));
        assertThat(cases).extracting(EvalCase::tier).containsAll(EnumSet.allOf(Tier.class));
        assertThat(cases).flatExtracting(EvalCase::tags).contains("negation", "hypothetical", "quote", "third_party",
                "past", "recovery", "leet", "spacing", "repeat", "punct", "homoglyph", "es", "safe_alarming");
    }

    @Test
    void escalationTiersKeepTheirRecall() {
        assertThat(score.escalation.recall())
                .as("recall of high+imminent (right category); baseline %s", baseline.highImminentRecall())
                .isGreaterThanOrEqualTo(Math.max(RECALL_FLOOR, baseline.highImminentRecall()));
    }

    @Test
    void escalationTiersKeepTheirPrecision() {
        assertThat(score.escalation.precision()).as("precision of high+imminent").isGreaterThanOrEqualTo(PRECISION_FLOOR);
    }
}
