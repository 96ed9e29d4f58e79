package org.tta.safety.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.safety.classify.linear.StatisticalSignal;
import org.tta.safety.classify.model.GuardedModel;
import org.tta.safety.classify.model.ModelAnswer;
import org.tta.safety.classify.rules.RuleBook;
import org.tta.safety.classify.text.NormalizedText;
import org.tta.safety.classify.text.TextNormalizer;

/**
 * The classifier: the rules always, the in-process statistical signal ({@link StatisticalSignal}) when enabled, the
 * external model when configured. The strongest signal decides (highest tier, then weight) and comes first in the
 * verdict's signals, so the audit trail says which one decided; the statistical signal and the model can raise a
 * verdict but never lower the rules' one. When the model is slow, down
 * or its breaker open the rules alone decide and the result says {@link ModelStatus#UNAVAILABLE}. Thread-safe;
 * never throws. Times every classification in {@code tta.safety.classification{tier,model}}.
 */
public final class SafetyClassifier implements Classifier {

    private static final Logger log = LoggerFactory.getLogger(SafetyClassifier.class);
    private static final Comparator<Signal> STRONGEST_FIRST = Comparator.comparing(Signal::tier)
            .thenComparingDouble(Signal::weight).reversed();

    private final RuleBook rules;
    private final GuardedModel model;
    private final StatisticalSignal statistical;
    private final String modelRuleId;
    private final double minScore;
    private final Timer[][] timers; // [tier][model status], registered once: no registry lookup per message
    private final Counter ruleErrors;

    /**
     * @param model     the guarded external model, or null when it is disabled
     * @param modelName the model's name in its signals
     * @param minScore  the least score at which the model's answer counts
     */
    public SafetyClassifier(RuleBook rules, GuardedModel model, String modelName, double minScore, MeterRegistry meters) {
        this(rules, null, model, modelName, minScore, meters);
    }

    /**
     * @param statistical the in-process statistical signal, or null when it is disabled
     * @param model       the guarded external model, or null when it is disabled
     * @param modelName   the model's name in its signals
     * @param minScore    the least score at which the model's answer counts
     */
    public SafetyClassifier(RuleBook rules, StatisticalSignal statistical, GuardedModel model, String modelName,
                            double minScore, MeterRegistry meters) {
        this.rules = rules;
        this.statistical = statistical;
        this.model = model;
        this.modelRuleId = "model:" + modelName;
        this.minScore = minScore;
        this.timers = new Timer[Tier.values().length][ModelStatus.values().length];
        for (Tier tier : Tier.values()) {
            for (ModelStatus status : ModelStatus.values()) {
                timers[tier.ordinal()][status.ordinal()] = Timer.builder("tta.safety.classification")
                        .description("Time to classify one message (rules and, when enabled, the model)")
                        .tag("tier", tier.wireName())
                        .tag("model", status.wireName())
                        .register(meters);
            }
        }
        this.ruleErrors = Counter.builder("tta.safety.classification.errors")
                .description("Rule or statistical-signal evaluations that failed unexpectedly (the message was still classified)")
                .register(meters);
    }

    @Override
    public Classification classify(ClassificationInput input) {
        long start = System.nanoTime();
        String text = input == null || input.text() == null ? "" : input.text();
        List<Signal> signals = new ArrayList<>();
        NormalizedText normalized = guarded(() -> TextNormalizer.normalize(text), NormalizedText.EMPTY, "normalisation", text);
        signals.addAll(guarded(() -> rules.signals(normalized), List.of(), "rules", text));
        if (statistical != null) {
            guarded(() -> statistical.signal(normalized, signals), Optional.<Signal>empty(), "statistical signal", text)
                    .ifPresent(signals::add);
        }
        ModelStatus status = ModelStatus.DISABLED;
        if (model != null) {
            Optional<ModelAnswer> answer = model.moderate(text);
            status = answer.isPresent() ? ModelStatus.USED : ModelStatus.UNAVAILABLE;
            answer.filter(a -> a.score() >= minScore && a.tier() != Tier.NONE && a.category() != Category.NONE)
                    .ifPresent(a -> signals.add(new Signal(modelRuleId, a.category(), a.tier(), a.score())));
        }
        signals.sort(STRONGEST_FIRST);
        Classification result = signals.isEmpty()
                ? new Classification(Category.NONE, Tier.NONE, List.of(), rules.version(), status)
                : new Classification(signals.getFirst().category(), signals.getFirst().tier(), signals, rules.version(), status);
        timers[result.tier().ordinal()][status.ordinal()].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    private <T> T guarded(Supplier<T> step, T fallback, String what, String text) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            // Each step is built never to throw (a property test feeds them random text); if one does, the others
            // (and the model, when there is one) still decide, and operators see the counter. Never log the text.
            ruleErrors.increment();
            log.error("Safety {} failed on a message of {} chars: {}", what, text.length(), e.getClass().getName());
            return fallback;
        }
    }
}
