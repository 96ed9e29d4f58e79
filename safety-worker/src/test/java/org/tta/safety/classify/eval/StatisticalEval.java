package org.tta.safety.classify.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.Classifier;
import org.tta.safety.classify.Fixtures;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.Tier;
import org.tta.safety.classify.linear.LinearModel;
import org.tta.safety.classify.linear.LinearTrainer;
import org.tta.safety.classify.linear.StatisticalSignal;
import org.tta.safety.classify.linear.TrainingSet;

/**
 * The statistical signal's part of the evaluation report (ADR 0005, amendment of 2026-12-07): the rules plus the
 * shipped weights on the gated set; the signal alone and combined with the rules, cross-validated on the gated set
 * (each message predicted by weights that never saw it; stratified folds as the trainer uses for the threshold, and
 * one fold per batch); every held-out batch with the rules alone and with the rules plus the signal; and everyday
 * chat ({@code eval/everyday.jsonl}: ordinary messages, none of which should escalate), which the labelled set lacks.
 */
final class StatisticalEval {

    private static final List<String> SAFE_CUE_TAGS = List.of("negation", "hypothetical", "quote", "fiction", "past",
            "recovery", "third_party", "safe_alarming");

    /** One cross-validation scheme's scores. */
    record CrossValidated(String scheme, int folds, EvalScore alone, EvalScore combined, LinearModel.Prediction[] oof) {
    }

    /** A held-out batch with the rules alone and with the signal. */
    record HeldOutPair(EvalSet.Batch batch, EvalScore rules, EvalScore combined) {
    }

    final LinearModel weights;
    final EvalScore combinedOnSet;
    final List<CrossValidated> crossValidated = new ArrayList<>();
    final List<HeldOutPair> heldOut = new ArrayList<>();
    private final List<EvalCase> cases;
    /** The set's messages as the trainer sees them, in the same order. */
    private final List<LinearTrainer.Example> examples;

    static final String EVERYDAY = "classpath*:eval/everyday.jsonl";

    StatisticalEval(List<EvalCase> cases, List<EvalSet.Batch> heldOutBatches) throws java.io.IOException {
        this.cases = cases;
        this.weights = Fixtures.shippedWeights();
        this.combinedOnSet = score(cases, Fixtures.rulesAndStatisticalClassifier());
        this.examples = cases.stream()
                .map(c -> LinearTrainer.Example.tagged(c.text(), c.category(), c.tier(), c.tags())).toList();
        List<Classification> rules = cases.stream().map(c -> Fixtures.rulesOnlyClassifier().classify(Fixtures.aMessage(c.text())))
                .toList();
        List<LinearTrainer.Example> corpus = LinearTrainer.parse(TrainingSet.corpus());
        crossValidated.add(crossValidate("stratified", LinearTrainer.stratifiedFolds(examples), corpus, rules));
        crossValidated.add(crossValidate("one fold per batch", LinearTrainer.batchFolds(examples), corpus, rules));
        List<EvalSet.Batch> scored = new ArrayList<>(heldOutBatches);
        scored.addAll(EvalSet.batches(EVERYDAY));
        for (EvalSet.Batch batch : scored) {
            heldOut.add(new HeldOutPair(batch, SafetyEvalTest.score(batch.cases()),
                    score(batch.cases(), Fixtures.rulesAndStatisticalClassifier())));
        }
    }

    /**
     * Out-of-fold predictions of the set's messages; the training corpus ({@code eval/corpus/}) is in every fold's
     * training, as it is in the shipped weights', and never predicted (fold -1).
     */
    private CrossValidated crossValidate(String scheme, int[] folds, List<LinearTrainer.Example> corpus,
                                         List<Classification> rules) {
        List<LinearTrainer.Example> all = new ArrayList<>(examples);
        all.addAll(corpus);
        int[] allFolds = Arrays.copyOf(folds, all.size());
        Arrays.fill(allFolds, folds.length, all.size(), -1);
        LinearModel.Prediction[] oof = Arrays.copyOf(LinearTrainer.crossValidate(all, allFolds), examples.size());
        float threshold = weights.header().threshold();
        EvalScore alone = new EvalScore();
        EvalScore combined = new EvalScore();
        for (int i = 0; i < cases.size(); i++) {
            EvalCase c = cases.get(i);
            boolean raised = oof[i].escalation() >= threshold;
            alone.add(c, raised ? oof[i].category() : Category.NONE, raised ? Tier.HIGH : Tier.NONE);
            Classification r = rules.get(i);
            Signal strongest = r.signals().isEmpty() ? null : r.signals().getFirst();
            Signal added = StatisticalSignal.decide(oof[i], strongest, threshold, "cv").orElse(null);
            combined.add(c, added == null ? r.category() : added.category(), added == null ? r.tier() : added.tier());
        }
        int count = 0;
        for (int f : folds) {
            count = Math.max(count, f + 1);
        }
        return new CrossValidated(scheme, count, alone, combined, oof);
    }

    static EvalScore score(List<EvalCase> messages, Classifier classifier) {
        EvalScore scored = new EvalScore();
        for (EvalCase c : messages) {
            scored.add(c, classifier.classify(Fixtures.aMessage(c.text())));
        }
        return scored;
    }

    String render() {
        LinearModel.Header h = weights.header();
        StringBuilder md = new StringBuilder("\n## Rules + statistical signal\n\n");
        md.append("The in-process linear model `").append(h.version()).append("` (`safety-worker/src/main/resources/model/linear.bin`, ")
                .append("trained on ").append(h.examples()).append(" messages of `messages.jsonl` and the training corpus ")
                .append("`eval/corpus/`, never on a held-out batch; retrain with `")
                .append(TRAIN_COMMAND).append("`) raises a verdict the rules did not escalate to high when its escalation ")
                .append("probability reaches ").append(EvalReport.fmt(h.threshold())).append(", the lowest threshold at which ")
                .append("the cross-validated precision below reaches ").append(EvalReport.fmt(h.precisionTarget()))
                .append(" and at most ").append(EvalReport.fmt(LinearTrainer.ORDINARY_BUDGET * 100)).append(" % of the ordinary ")
                .append("chat of the set (tag `").append(LinearTrainer.ORDINARY_TAG).append("`) is raised out of fold ")
                .append("(ADR 0005, amendments of 2026-12-07).\n\n");
        md.append("On the gated set with the shipped weights (in-sample: the weights saw these messages):\n\n")
                .append(gateHeader()).append(gateRow("rules + statistical signal", combinedOnSet)).append("\n");
        md.append("## Statistical signal alone, k-fold cross-validation on messages.jsonl\n\n")
                .append("Each message predicted by weights trained without it (same recipe, seed and epochs as the shipped ")
                .append("weights), at the shipped threshold ").append(EvalReport.fmt(h.threshold())).append(". \"Alone\": ")
                .append("the model's verdict only (high, model's category, when it reaches the threshold). \"Rules + signal\": ")
                .append("the shipped rules, which were fitted to these messages, plus the out-of-fold signal, so only the ")
                .append("signal's false escalations are honest there. \"One fold per batch\": each batch of the set predicted ")
                .append("by weights trained on the other batches, the nearest this set gets to a new author.\n\n")
                .append(gateHeader());
        for (CrossValidated cv : crossValidated) {
            md.append(gateRow("alone, " + cv.scheme() + " (" + cv.folds() + " folds)", cv.alone()));
            md.append(gateRow("rules + signal, " + cv.scheme() + " (" + cv.folds() + " folds)", cv.combined()));
        }
        md.append("\nThe signal alone at other thresholds (stratified folds; escalation regardless of category, and the ")
                .append("gate's precision if the rules were as the gate requires them: every escalation found, none false):\n\n")
                .append("| threshold | precision alone | recall alone | gated-set precision with the rules | the set's ordinary chat raised (tag everyday) |\n")
                .append("|---|---|---|---|---|\n");
        CrossValidated stratified = crossValidated.getFirst();
        for (int t = 30; t <= 95; t += 5) {
            float threshold = t / 100f;
            double[] pr = LinearTrainer.precisionRecall(examples, stratified.oof(), threshold);
            md.append("| ").append(EvalReport.fmt(threshold)).append(" | ").append(EvalReport.fmt(pr[0])).append(" | ")
                    .append(EvalReport.fmt(pr[1])).append(" | ")
                    .append(EvalReport.fmt(LinearTrainer.combinedPrecision(examples, stratified.oof(), threshold)))
                    .append(" | ").append(EvalReport.fmt(LinearTrainer.ordinaryRaised(examples, stratified.oof(), threshold)))
                    .append(" |\n");
        }
        md.append("\nOut-of-fold false escalations added by the signal (stratified), by tag of the message: ")
                .append(falseRaisesByTag(stratified)).append(".\n");
        md.append("\n## Held-out batches: rules alone and rules + statistical signal (not gated)\n\n");
        if (heldOut.isEmpty()) {
            return md.append("No file under `safety-worker/src/test/resources/eval/held-out/` at present.\n").toString();
        }
        md.append("The weights never saw these files. The first run after a batch is added is its first-sight score. ")
                .append("`everyday.jsonl` is not a held-out batch of the set: ordinary chat (greetings, plans, times, ")
                .append("counts, the system tests' load messages), all labelled none, which `messages.jsonl` hardly holds; ")
                .append("its false positives estimate what the signal does to ordinary traffic.\n\n")
                .append("| file | classifier | high+imminent recall | precision | support | false positives | false negatives | exact |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (HeldOutPair p : heldOut) {
            md.append(heldOutRow(p.batch().name(), "rules alone", p.rules()));
            md.append(heldOutRow(p.batch().name(), "rules + statistical signal", p.combined()));
        }
        for (HeldOutPair p : heldOut) {
            md.append("\n### ").append(p.batch().name()).append(": verdicts the statistical signal changed\n\n")
                    .append("| message | expected | rules alone | rules + signal | gate |\n|---|---|---|---|---|\n");
            for (int i = 0; i < p.rules().outcomes.size(); i++) {
                EvalScore.Outcome before = p.rules().outcomes.get(i);
                EvalScore.Outcome after = p.combined().outcomes.get(i);
                if (before.category() != after.category() || before.tier() != after.tier()) {
                    EvalCase c = before.expected();
                    md.append("| ").append(c.text().replace("|", "\\|").replace("\n", " ")).append(" | ")
                            .append(label(c.category(), c.tier())).append(" | ").append(label(before.category(), before.tier()))
                            .append(" | ").append(label(after.category(), after.tier())).append(" | ")
                            .append(gateEffect(c, after)).append(" |\n");
                }
            }
        }
        return md.toString();
    }

    static final String TRAIN_COMMAND = "./mvnw -B -o -q -pl safety-worker test -Dtest=LinearModelTraining "
            + "-Dsurefire.failIfNoSpecifiedTests=false";

    private String falseRaisesByTag(CrossValidated cv) {
        float threshold = weights.header().threshold();
        Map<String, Integer> byTag = new TreeMap<>();
        int total = 0;
        for (int i = 0; i < cases.size(); i++) {
            EvalCase c = cases.get(i);
            if (!c.expectsEscalation() && cv.oof()[i].escalation() >= threshold) {
                total++;
                List<String> tags = c.tags().stream().filter(SAFE_CUE_TAGS::contains).toList();
                for (String tag : tags.isEmpty() ? List.of("(none of these)") : tags) {
                    byTag.merge(tag, 1, Integer::sum);
                }
            }
        }
        StringBuilder s = new StringBuilder().append(total).append(" in all");
        byTag.forEach((tag, n) -> s.append("; ").append(tag).append(" ").append(n));
        return s.toString();
    }

    private static String gateEffect(EvalCase c, EvalScore.Outcome after) {
        boolean hit = c.expectsEscalation() && after.tier().escalates() && after.category() == c.category();
        if (hit) {
            return "caught";
        }
        if (after.tier().escalates() && !c.expectsEscalation()) {
            return "false escalation";
        }
        return after.tier().escalates() ? "escalated, wrong category" : "-";
    }

    private static String label(Category category, Tier tier) {
        return category.wireName() + "/" + tier.wireName();
    }

    private static String gateHeader() {
        return "| classifier | high+imminent recall | precision | support | false positives | false negatives |\n"
                + "|---|---|---|---|---|---|\n";
    }

    private static String gateRow(String name, EvalScore s) {
        EvalScore.Counts g = s.escalation;
        return "| " + name + " | " + EvalReport.fmt(g.recall()) + " | " + EvalReport.fmt(g.precision()) + " | "
                + g.support() + " | " + g.fp + " | " + g.fn + " |\n";
    }

    private static String heldOutRow(String file, String classifier, EvalScore s) {
        EvalScore.Counts g = s.escalation;
        return "| " + file + " | " + classifier + " | " + EvalReport.fmt(g.recall()) + " | " + EvalReport.fmt(g.precision())
                + " | " + g.support() + " | " + g.fp + " | " + g.fn + " | " + s.exactCount() + " |\n";
    }
}
