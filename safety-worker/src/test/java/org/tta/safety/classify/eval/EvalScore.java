package org.tta.safety.classify.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.Tier;

/** Precision and recall of a classifier over the evaluation set, per category, per tier and for the escalation gate. */
final class EvalScore {

    /** Counts of one label: true positives, false positives, false negatives. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        int support() {
            return tp + fn;
        }
    }

    /** What the classifier (or the running worker's verdict) decided for one labelled message. */
    record Outcome(EvalCase expected, Category category, Tier tier) {

        boolean exact() {
            return expected.category() == category && expected.tier() == tier;
        }
    }

    final Map<Category, Counts> byCategory = new EnumMap<>(Category.class);
    final Map<Tier, Counts> byTier = new EnumMap<>(Tier.class);
    final Counts escalation = new Counts();
    /** The escalation gate per batch of the set (tag {@code batchN}; the untagged first batch is {@code batch1}). */
    final Map<String, Counts> escalationByBatch = new TreeMap<>();
    final Map<String, int[]> byTag = new TreeMap<>();
    final List<Outcome> outcomes = new ArrayList<>();

    EvalScore() {
        for (Category c : Category.values()) {
            byCategory.put(c, new Counts());
        }
        for (Tier t : Tier.values()) {
            byTier.put(t, new Counts());
        }
    }

    void add(EvalCase expected, Classification actual) {
        add(expected, actual.category(), actual.tier());
    }

    void add(EvalCase expected, Category category, Tier tier) {
        Outcome outcome = new Outcome(expected, category, tier);
        outcomes.add(outcome);
        count(byCategory, expected.category(), category);
        count(byTier, expected.tier(), tier);
        gate(escalation, expected, category, tier);
        gate(escalationByBatch.computeIfAbsent(batchOf(expected), b -> new Counts()), expected, category, tier);
        for (String tag : expected.tags()) {
            int[] exactAndTotal = byTag.computeIfAbsent(tag, t -> new int[2]);
            exactAndTotal[0] += outcome.exact() ? 1 : 0;
            exactAndTotal[1]++;
        }
    }

    /** A hit of the gate: both escalate and the category is right (an overdose escalated as self-harm is a miss). */
    private static void gate(Counts gate, EvalCase expected, Category category, Tier tier) {
        boolean expectedGate = expected.expectsEscalation();
        boolean actualGate = tier.escalates();
        if (expectedGate && actualGate && expected.category() == category) {
            gate.tp++;
        } else {
            if (expectedGate) {
                gate.fn++;
            }
            if (actualGate) {
                gate.fp++;
            }
        }
    }

    private static String batchOf(EvalCase c) {
        return c.tags().stream().filter(t -> t.matches("batch\\d+")).findFirst().orElse("batch1");
    }

    private static <K> void count(Map<K, Counts> counts, K expected, K actual) {
        if (expected.equals(actual)) {
            counts.get(expected).tp++;
        } else {
            counts.get(expected).fn++;
            counts.get(actual).fp++;
        }
    }

    long exactCount() {
        return outcomes.stream().filter(Outcome::exact).count();
    }
}
