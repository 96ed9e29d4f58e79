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

    record Outcome(EvalCase expected, Classification actual) {

        boolean exact() {
            return expected.category() == actual.category() && expected.tier() == actual.tier();
        }
    }

    final Map<Category, Counts> byCategory = new EnumMap<>(Category.class);
    final Map<Tier, Counts> byTier = new EnumMap<>(Tier.class);
    final Counts escalation = new Counts();
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
        Outcome outcome = new Outcome(expected, actual);
        outcomes.add(outcome);
        count(byCategory, expected.category(), actual.category());
        count(byTier, expected.tier(), actual.tier());
        boolean expectedGate = expected.expectsEscalation();
        boolean actualGate = actual.tier().escalates();
        // A hit of the gate: both escalate and the category is right (an overdose escalated as self-harm is a miss).
        if (expectedGate && actualGate && expected.category() == actual.category()) {
            escalation.tp++;
        } else {
            if (expectedGate) {
                escalation.fn++;
            }
            if (actualGate) {
                escalation.fp++;
            }
        }
        for (String tag : expected.tags()) {
            int[] exactAndTotal = byTag.computeIfAbsent(tag, t -> new int[2]);
            exactAndTotal[0] += outcome.exact() ? 1 : 0;
            exactAndTotal[1]++;
        }
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
