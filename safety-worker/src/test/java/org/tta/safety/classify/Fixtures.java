package org.tta.safety.classify;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.core.io.DefaultResourceLoader;
import org.tta.safety.classify.linear.LinearModel;
import org.tta.safety.classify.linear.LinearModelFile;
import org.tta.safety.classify.linear.StatisticalSignal;
import org.tta.safety.classify.rules.RuleBook;

/**
 * Test fixtures for the classifier: the shipped rule files and statistical weights, a classifier on the rules alone,
 * one on the rules and the statistical signal.
 */
public final class Fixtures {

    private static final RuleBook SHIPPED = RuleBook.load(new DefaultResourceLoader(),
            List.of("classpath:rules/en.yaml", "classpath:rules/es.yaml"));

    private Fixtures() {
    }

    public static RuleBook shippedRules() {
        return SHIPPED;
    }

    /** The shipped weights of the statistical signal (loaded on first use: a missing file fails only its users). */
    public static LinearModel shippedWeights() {
        return ShippedWeights.MODEL;
    }

    public static SafetyClassifier rulesAndStatisticalClassifier() {
        return new SafetyClassifier(SHIPPED, new StatisticalSignal(shippedWeights()), null, "none", 0.5,
                new SimpleMeterRegistry());
    }

    private static final class ShippedWeights {
        static final LinearModel MODEL = LinearModelFile.load(
                new DefaultResourceLoader().getResource("classpath:model/linear.bin"), "classpath:model/linear.bin");
    }

    public static SafetyClassifier rulesOnlyClassifier() {
        return new SafetyClassifier(SHIPPED, null, "none", 0.5, new SimpleMeterRegistry());
    }

    public static ClassificationInput aMessage(String text) {
        return new ClassificationInput(text, "patient");
    }
}
