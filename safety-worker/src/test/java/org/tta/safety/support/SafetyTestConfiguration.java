package org.tta.safety.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tta.safety.classify.Classifier;

/**
 * What the worker's integration tests add: a mutable clock and, until the real classifier is merged, the
 * {@link PhraseClassifier}. After the merge, delete the classifier bean (and {@link PhraseClassifier}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SafetyTestConfiguration {

    /** Also read by the kill-and-restart test, which adds this class to a child process's sources. */
    public static final String NAME = "org.tta.safety.support.SafetyTestConfiguration";

    @Bean
    Classifier phraseClassifier() {
        return new PhraseClassifier();
    }

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }
}
