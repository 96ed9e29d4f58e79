package org.tta.safety.classify.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How {@link SafetyEvalTest} scores the held-out batches, on a fixture directory ({@code eval-fixture/held-out/}):
 * every {@code .jsonl} file alone, in name order, with unreadable lines reported rather than thrown.
 */
class HeldOutBatchesTest {

    private static final String FIXTURE = "classpath*:eval-fixture/held-out/*.jsonl";

    @Test
    void readsEveryJsonlFileOfTheDirectoryInNameOrder() throws Exception {
        List<EvalSet.Batch> batches = EvalSet.batches(FIXTURE);

        assertThat(batches).extracting(EvalSet.Batch::name).containsExactly("a-sample.jsonl", "b-unreadable.jsonl");
        assertThat(batches.get(0).cases()).hasSize(3);
        assertThat(batches.get(0).problems()).isEmpty();
    }

    @Test
    void reportsALineWithAnUnknownLabelInsteadOfFailing() throws Exception {
        EvalSet.Batch unreadable = EvalSet.batches(FIXTURE).get(1);

        assertThat(unreadable.cases()).hasSize(1);
        assertThat(unreadable.problems()).singleElement().asString()
                .startsWith("b-unreadable.jsonl line 2: ").contains("MADE_UP_CATEGORY");
    }

    @Test
    void scoresEachBatchAloneAndRendersItsFiguresAndMisses() throws Exception {
        List<EvalSet.Batch> batches = EvalSet.batches(FIXTURE);
        List<EvalReport.HeldOut> scored = batches.stream()
                .map(b -> new EvalReport.HeldOut(b, SafetyEvalTest.score(b.cases()))).toList();

        String report = EvalReport.renderHeldOut(scored);

        assertThat(report)
                .contains("| a-sample.jsonl | 3 | 0.500 | 1.000 | 2 | 0 | 1 | 2 | 0 |")
                .contains("| b-unreadable.jsonl | 1 | 1.000 | 1.000 | 1 | 0 | 0 | 1 | 1 |")
                .contains("| the weather is nice today | en | suicidal_ideation/high | none/none | fixture, deliberately_mislabelled |")
                .contains("Unreadable, not scored: b-unreadable.jsonl line 2: ")
                .doesNotContain("README");
    }

    @Test
    void saysSoWhenThereIsNoHeldOutBatch() throws Exception {
        assertThat(EvalSet.batches("classpath*:eval-fixture/no-such-directory/*.jsonl")).isEmpty();
        assertThat(EvalReport.renderHeldOut(List.of())).contains("No file under `safety-worker/src/test/resources/eval/held-out/`");
    }
}
