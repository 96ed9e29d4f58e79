package org.tta.safety.classify;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.tta.safety.classify.model.GuardedModel;
import org.tta.safety.classify.model.HttpModerationModel;
import org.tta.safety.classify.model.ModelModeReporter;
import org.tta.safety.classify.model.ModelProperties;
import org.tta.safety.classify.rules.RuleBook;
import org.tta.safety.classify.rules.RulesProperties;

/**
 * Wires the classifier: the rule files are loaded and validated here, so a bad file fails the start-up naming the
 * file, the rule and the problem; the model is wired only when {@code tta.safety.model.enabled=true}, and whether it
 * takes part is reported (a gauge always, a WARN at start-up when it does not).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RulesProperties.class, ModelProperties.class})
public class ClassifierConfiguration {

    @Bean
    RuleBook safetyRuleBook(ResourceLoader resources, RulesProperties properties) {
        return RuleBook.load(resources, properties.locations());
    }

    @Bean
    Classifier safetyClassifier(RuleBook rules, ModelProperties model, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        GuardedModel guarded = model.enabled()
                ? new GuardedModel(new HttpModerationModel(model.url(), model.timeout()), model, registry)
                : null;
        return new SafetyClassifier(rules, guarded, model.name(), model.minScore(), registry);
    }

    @Bean
    ModelModeReporter safetyModelModeReporter(ModelProperties model, ObjectProvider<MeterRegistry> meters) {
        return new ModelModeReporter(model, meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }
}
