package org.tta.safety.classify;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.core.io.DefaultResourceLoader;
import org.tta.safety.classify.rules.RuleBook;

/** Test fixtures for the classifier: the shipped rule files, a classifier on the rules alone. */
public final class Fixtures {

    private static final RuleBook SHIPPED = RuleBook.load(new DefaultResourceLoader(),
            List.of("classpath:rules/en.yaml", "classpath:rules/es.yaml"));

    private Fixtures() {
    }

    public static RuleBook shippedRules() {
        return SHIPPED;
    }

    public static SafetyClassifier rulesOnlyClassifier() {
        return new SafetyClassifier(SHIPPED, null, "none", 0.5, new SimpleMeterRegistry());
    }

    public static ClassificationInput aMessage(String text) {
        return new ClassificationInput(text, "patient");
    }
}
