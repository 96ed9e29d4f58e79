package org.tta.safety.classify;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.safety.classify.linear.LinearModel;
import org.tta.safety.classify.linear.LinearModelFile;
import org.tta.safety.classify.linear.LinearProperties;
import org.tta.safety.classify.linear.StatisticalSignal;
import org.tta.safety.classify.model.GuardedModel;
import org.tta.safety.classify.model.HttpModerationModel;
import org.tta.safety.classify.model.ModelModeReporter;
import org.tta.safety.classify.model.ModelProperties;
import org.tta.safety.classify.rules.RuleBook;
import org.tta.safety.classify.rules.RulesProperties;

/**
 * Wires the classifier: the rule files are loaded and validated here, so a bad file fails the start-up naming the
 * file, the rule and the problem; so are the statistical signal's weights when {@code tta.safety.linear.enabled=true}
 * (off by default; a bad or missing file fails the start-up naming it); the model is wired only when {@code tta.safety.model.enabled=true}, and whether it
 * takes part is reported (a gauge always, a WARN at start-up when it does not).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RulesProperties.class, ModelProperties.class, LinearProperties.class})
public class ClassifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClassifierConfiguration.class);

    @Bean
    RuleBook safetyRuleBook(ResourceLoader resources, RulesProperties properties) {
        return RuleBook.load(resources, properties.locations());
    }

    @Bean
    Classifier safetyClassifier(RuleBook rules, ResourceLoader resources, LinearProperties linear, ModelProperties model,
                                ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        GuardedModel guarded = model.enabled()
                ? new GuardedModel(new HttpModerationModel(model.url(), model.timeout()), model, registry)
                : null;
        return new SafetyClassifier(rules, statisticalSignal(resources, linear), guarded, model.name(), model.minScore(),
                registry);
    }

    private static StatisticalSignal statisticalSignal(ResourceLoader resources, LinearProperties linear) {
        if (!linear.enabled()) {
            log.info("Safety statistical signal disabled (tta.safety.linear.enabled=false): the rules decide alone");
            return null;
        }
        LinearModel weights = LinearModelFile.load(resources.getResource(linear.location()), linear.location());
        log.info("Safety statistical signal {} loaded from {}: {} rows, threshold {}", weights.header().version(),
                linear.location(), weights.buckets().length, weights.header().threshold());
        return new StatisticalSignal(weights);
    }

    @Bean
    ModelModeReporter safetyModelModeReporter(ModelProperties model, ObjectProvider<MeterRegistry> meters) {
        return new ModelModeReporter(model, meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }
}
