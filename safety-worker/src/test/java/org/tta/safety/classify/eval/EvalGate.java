package org.tta.safety.classify.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;

/**
 * The evaluation gate both evaluations apply (the classifier alone in {@link SafetyEvalTest}, the running topology in
 * {@link SafetyEvalPipelineIT}): the set's coverage, recall and precision of high+imminent, and the recorded baseline.
 */
final class EvalGate {

    static final double RECALL_FLOOR = 0.98;
    static final double PRECISION_FLOOR = 0.85;

    private EvalGate() {
    }

    static void assertCoversEveryCategoryTierAndTrap(List<EvalCase> cases) {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases).extracting(EvalCase::category).containsAll(EnumSet.allOf(Category.class));
        assertThat(cases).extracting(EvalCase::tier).containsAll(EnumSet.allOf(Tier.class));
        assertThat(cases).flatExtracting(EvalCase::tags).contains("negation", "hypothetical", "quote", "third_party",
                "past", "recovery", "leet", "spacing", "repeat", "punct", "homoglyph", "es", "safe_alarming");
    }

    static void assertKeepsRecall(EvalScore score, EvalSet.Baseline baseline) {
        assertThat(score.escalation.recall())
                .as("recall of high+imminent (right category); baseline %s", baseline.highImminentRecall())
                .isGreaterThanOrEqualTo(Math.max(RECALL_FLOOR, baseline.highImminentRecall()));
    }

    static void assertKeepsPrecision(EvalScore score) {
        assertThat(score.escalation.precision()).as("precision of high+imminent").isGreaterThanOrEqualTo(PRECISION_FLOOR);
    }

    /** Writes the report under {@code target/} and prints it. */
    static void write(String report, String fileName) throws IOException {
        Path out = Path.of("target", fileName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }
}
