package org.tta.safety.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.safety.classify.model.GuardedModel;
import org.tta.safety.classify.model.ModelAnswer;
import org.tta.safety.classify.rules.RuleBook;

/**
 * The classifier: the rules always, the external model when configured. The strongest signal decides (highest
 * tier, then weight), so the model can raise a verdict but never lower the rules' one. When the model is slow, down
 * or its breaker open the rules alone decide and the result says {@link ModelStatus#UNAVAILABLE}. Thread-safe;
 * never throws. Times every classification in {@code tta.safety.classification{tier,model}}.
 */
public final class SafetyClassifier implements Classifier {

    private static final Logger log = LoggerFactory.getLogger(SafetyClassifier.class);
    private static final Comparator<Signal> STRONGEST_FIRST = Comparator.comparing(Signal::tier)
            .thenComparingDouble(Signal::weight).reversed();

    private final RuleBook rules;
    private final GuardedModel model;
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
        this.rules = rules;
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
                .description("Rule evaluations that failed unexpectedly (the message was still classified)")
                .register(meters);
    }

    @Override
    public Classification classify(ClassificationInput input) {
        long start = System.nanoTime();
        String text = input == null || input.text() == null ? "" : input.text();
        List<Signal> signals = new ArrayList<>(ruleSignals(text));
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

    private List<Signal> ruleSignals(String text) {
        try {
            return rules.signals(text);
        } catch (RuntimeException e) {
            // The rules are built never to throw (a property test feeds them random text); if they do, the model
            // (when there is one) still decides, and operators see the counter. Never log the text.
            ruleErrors.increment();
            log.error("Safety rules failed on a message of {} chars: {}", text.length(), e.getClass().getName());
            return List.of();
        }
    }
}
