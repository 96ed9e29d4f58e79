package org.tta.safety.classify.eval;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Classifier;
import org.tta.safety.classify.Fixtures;

/**
 * The evaluation gate on the classifier alone: classifies every labelled message with the shipped rules, writes the
 * report to {@code target/safety-eval-report.md} (and prints it), and fails when the escalation tiers lose recall or
 * precision. Every held-out batch ({@code eval/held-out/*.jsonl}) is scored alone in the same report, not gated. The
 * report's last sections ({@link StatisticalEval}) score the statistical signal: with the rules on the set (gated too),
 * alone and combined under cross-validation, and on the held-out batches and everyday chat. {@link SafetyEvalPipelineIT} applies the same gate to the verdicts of the running topology.
 */
class SafetyEvalTest {

    private static List<EvalCase> cases;
    private static EvalScore score;
    private static EvalSet.Baseline baseline;
    private static StatisticalEval statistical;

    @BeforeAll
    static void classifyTheEvaluationSet() throws Exception {
        cases = EvalSet.messages();
        baseline = EvalSet.baseline();
        score = score(cases);
        List<EvalReport.HeldOut> heldOut = new ArrayList<>();
        for (EvalSet.Batch batch : EvalSet.heldOut()) {
            heldOut.add(new EvalReport.HeldOut(batch, score(batch.cases())));
        }
        statistical = new StatisticalEval(cases, EvalSet.heldOut());
        EvalGate.write(EvalReport.render(score, Fixtures.shippedRules().version(), baseline)
                + EvalReport.renderHeldOut(heldOut) + statistical.render(), "safety-eval-report.md");
    }

    /** The shipped rules alone on these messages. */
    static EvalScore score(List<EvalCase> messages) {
        Classifier classifier = Fixtures.rulesOnlyClassifier();
        EvalScore scored = new EvalScore();
        for (EvalCase c : messages) {
            scored.add(c, classifier.classify(Fixtures.aMessage(c.text())));
        }
        return scored;
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

    @Test
    void theGateHoldsWithTheStatisticalSignalOn() {
        EvalGate.assertKeepsRecall(statistical.combinedOnSet, baseline);
        EvalGate.assertKeepsPrecision(statistical.combinedOnSet);
    }
}
