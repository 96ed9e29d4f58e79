package org.tta.safety.classify.linear;

import java.util.List;
import java.util.Optional;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.Tier;
import org.tta.safety.classify.text.NormalizedText;

/**
 * The in-process statistical signal and its combination with the rules (ADR 0005, amendment of 2026-12-07): when the
 * rules did not escalate a message and the model's escalation probability reaches the threshold chosen by
 * cross-validation (stored in the weights file), it adds a signal {@code stat:<weights version>} at
 * {@link Tier#HIGH}. Its category is the rules' one when they found a crisis category (a reported concern becomes a
 * {@link Category#THIRD_PARTY_EMERGENCY}: the rules read who is at risk better than bags of words do), else the
 * model's. It never lowers or replaces an escalation of the rules, and it is not computed when they escalated.
 * Immutable and thread-safe.
 */
public final class StatisticalSignal {

    /** Prefix of the signal's rule id: {@code stat:linear-<hash>} in verdicts says this signal decided. */
    public static final String ID_PREFIX = "stat:";

    private final LinearModel model;
    private final String id;
    private final double threshold;

    public StatisticalSignal(LinearModel model) {
        this.model = model;
        this.id = ID_PREFIX + model.header().version();
        this.threshold = model.header().threshold();
    }

    public String id() {
        return id;
    }

    public LinearModel model() {
        return model;
    }

    /** The signal this message adds to the rules' signals, if any. */
    public Optional<Signal> signal(NormalizedText text, List<Signal> ruleSignals) {
        Signal strongest = strongest(ruleSignals);
        if (strongest != null && strongest.tier().escalates()) {
            return Optional.empty();
        }
        return decide(model.predict(TextFeatures.of(text)), strongest, threshold, id);
    }

    /**
     * The combination policy alone.
     *
     * @param strongestRule the rules' strongest signal, or null when none matched
     */
    public static Optional<Signal> decide(LinearModel.Prediction prediction, Signal strongestRule, double threshold,
                                          String id) {
        if (strongestRule != null && strongestRule.tier().escalates()) {
            return Optional.empty();
        }
        if (prediction.escalation() < threshold) {
            return Optional.empty();
        }
        Category category = strongestRule == null ? null : crisisCategory(strongestRule.category());
        return Optional.of(new Signal(id, category == null ? prediction.category() : category, Tier.HIGH,
                prediction.escalation()));
    }

    /** The escalating category a rule category stands for, or null when it names no crisis. */
    static Category crisisCategory(Category ruleCategory) {
        return switch (ruleCategory) {
            case NONE, OTHER_POLICY -> null;
            case THIRD_PARTY_CONCERN -> Category.THIRD_PARTY_EMERGENCY;
            default -> ruleCategory;
        };
    }

    private static Signal strongest(List<Signal> signals) {
        Signal best = null;
        for (Signal s : signals) {
            if (best == null || s.tier().compareTo(best.tier()) > 0
                    || (s.tier() == best.tier() && s.weight() > best.weight())) {
                best = s;
            }
        }
        return best;
    }
}
