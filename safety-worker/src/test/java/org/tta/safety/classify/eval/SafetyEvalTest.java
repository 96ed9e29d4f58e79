package org.tta.safety.classify.eval;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Classifier;
import org.tta.safety.classify.Fixtures;

/**
 * The evaluation gate on the classifier alone: classifies every labelled message with the shipped rules, writes the
 * report to {@code target/safety-eval-report.md} (and prints it), and fails when the escalation tiers lose recall or
 * precision. {@link SafetyEvalPipelineIT} applies the same gate to the verdicts of the running topology.
 */
class SafetyEvalTest {

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
        EvalGate.write(EvalReport.render(score, Fixtures.shippedRules().version(), baseline), "safety-eval-report.md");
    }

    @Test
    void evaluationSetCoversEveryCategoryTierAndTrap() {
        EvalGate.assertCoversEveryCategoryTierAndTrap(cases);
    }

    @Test
    void escalationTiersKeepTheirRecall() {
        EvalGate.assertKeepsRecall(score, baseline);
    }

    @Test
    void escalationTiersKeepTheirPrecision() {
        EvalGate.assertKeepsPrecision(score);
    }
}
