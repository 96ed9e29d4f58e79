package org.tta.safety.classify.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders an {@link EvalScore} as Markdown. */
final class EvalReport {

    static final String COMMAND = "./mvnw -B -o -q -pl safety-worker test -Dtest=SafetyEvalTest -Dsurefire.failIfNoSpecifiedTests=false";

    /** How the messages were classified, and the command and file that reproduce the report. */
    record Source(String how, String command, String file) {
    }

    static final Source CLASSIFIER = new Source("the classifier called directly (rules alone)", COMMAND,
            "safety-worker/target/safety-eval-report.md");

    private EvalReport() {
    }

    static String render(EvalScore score, String rulesVersion, EvalSet.Baseline baseline) {
        return render(score, rulesVersion, baseline, CLASSIFIER);
    }

    static String render(EvalScore score, String rulesVersion, EvalSet.Baseline baseline, Source source) {
        StringBuilder md = new StringBuilder();
        md.append("# Safety classifier evaluation\n\n");
        md.append("Rules ").append(rulesVersion).append(", external model disabled (rules alone). ")
                .append(score.outcomes.size()).append(" labelled messages from `safety-worker/src/test/resources/eval/messages.jsonl`, ")
                .append("classified by ").append(source.how()).append(".\n\n");
        md.append("Produced by `").append(source.command()).append("` (writes `").append(source.file()).append("`).\n\n");
        md.append("## Escalation gate (high + imminent)\n\n");
        md.append("A hit: expected high or imminent, classified high or imminent, in the expected category.\n\n");
        md.append("| | value | floor |\n|---|---|---|\n");
        md.append(row("recall", score.escalation.recall(), "max(0.98, baseline " + fmt(baseline.highImminentRecall()) + ")"));
        md.append(row("precision", score.escalation.precision(), "0.85"));
        md.append("\nSupport ").append(score.escalation.support()).append(", false positives ").append(score.escalation.fp)
                .append(", false negatives ").append(score.escalation.fn).append(".\n\n");
        md.append("Per batch of the set (later batches were written after the rules; see `docs/benchmarks/safety-eval.md`):\n\n")
                .append("| batch | precision | recall | support |\n|---|---|---|---|\n");
        score.escalationByBatch.forEach((batch, c) -> md.append(counts(batch, c)));
        md.append("\n");
        md.append("Exact (category and tier) on all messages: ").append(score.exactCount()).append(" / ")
                .append(score.outcomes.size()).append(".\n\n");
        md.append("## Per category\n\n| category | precision | recall | support |\n|---|---|---|---|\n");
        score.byCategory.forEach((k, c) -> md.append(counts(k.wireName(), c)));
        md.append("\n## Per tier\n\n| tier | precision | recall | support |\n|---|---|---|---|\n");
        score.byTier.forEach((k, c) -> md.append(counts(k.wireName(), c)));
        md.append("\n## Traps and message kinds (exact category and tier)\n\n| tag | exact | of |\n|---|---|---|\n");
        for (Map.Entry<String, int[]> e : score.byTag.entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()[0]).append(" | ").append(e.getValue()[1]).append(" |\n");
        }
        md.append("\n## Misclassified\n\n");
        misclassified(md, score);
        return md.toString();
    }

    /** A held-out batch (a file under {@code eval/held-out/}) and its score. */
    record HeldOut(EvalSet.Batch batch, EvalScore score) {
    }

    /**
     * The held-out batches, each scored alone and not gated: what the rules make of wordings they were not fitted
     * to. The first run after a batch is added is its first-sight score.
     */
    static String renderHeldOut(List<HeldOut> heldOut) {
        StringBuilder md = new StringBuilder("\n## Held-out batches (scored alone, not gated)\n\n");
        if (heldOut.isEmpty()) {
            return md.append("No file under `safety-worker/src/test/resources/eval/held-out/` at present.\n").toString();
        }
        md.append("Each `.jsonl` file under `safety-worker/src/test/resources/eval/held-out/`, classified with the same rules, ")
                .append("scored alone and left out of the gate above. The first run after a batch is added gives its ")
                .append("first-sight score (record it in `docs/benchmarks/safety-eval.md` before changing any rule).\n\n")
                .append("| file | messages | high+imminent recall | precision | support | false positives | false negatives ")
                .append("| exact | unreadable lines |\n|---|---|---|---|---|---|---|---|---|\n");
        for (HeldOut h : heldOut) {
            EvalScore.Counts gate = h.score().escalation;
            md.append("| ").append(h.batch().name()).append(" | ").append(h.score().outcomes.size()).append(" | ")
                    .append(fmt(gate.recall())).append(" | ").append(fmt(gate.precision())).append(" | ")
                    .append(gate.support()).append(" | ").append(gate.fp).append(" | ").append(gate.fn).append(" | ")
                    .append(h.score().exactCount()).append(" | ").append(h.batch().problems().size()).append(" |\n");
        }
        for (HeldOut h : heldOut) {
            md.append("\n### ").append(h.batch().name()).append(": misclassified\n\n");
            misclassified(md, h.score());
            for (String problem : h.batch().problems()) {
                md.append("\nUnreadable, not scored: ").append(escape(problem)).append("\n");
            }
        }
        return md.toString();
    }

    private static void misclassified(StringBuilder md, EvalScore score) {
        md.append("| message | lang | expected | got | tags |\n|---|---|---|---|---|\n");
        for (EvalScore.Outcome o : score.outcomes) {
            if (!o.exact()) {
                md.append("| ").append(escape(o.expected().text())).append(" | ").append(o.expected().lang()).append(" | ")
                        .append(o.expected().category().wireName()).append("/").append(o.expected().tier().wireName()).append(" | ")
                        .append(o.category().wireName()).append("/").append(o.tier().wireName()).append(" | ")
                        .append(String.join(", ", o.expected().tags())).append(" |\n");
            }
        }
    }

    private static String row(String name, double value, String floor) {
        return "| " + name + " | " + fmt(value) + " | " + floor + " |\n";
    }

    private static String counts(String name, EvalScore.Counts c) {
        return "| " + name + " | " + fmt(c.precision()) + " | " + fmt(c.recall()) + " | " + c.support() + " |\n";
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String escape(String s) {
        return s.isEmpty() ? "(empty)" : s.replace("|", "\\|").replace("\n", " ");
    }
}
