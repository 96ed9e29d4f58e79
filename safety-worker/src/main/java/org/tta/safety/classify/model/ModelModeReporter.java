package org.tta.safety.classify.model;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Tells operators whether the external moderation model takes part in classification. The rules alone miss about two
 * in three crises worded in a way nobody wrote down (held-out batch 5, {@code docs/benchmarks/safety-eval.md}), so a
 * deployment without the model must be a visible decision: a gauge {@code tta.safety.model.enabled} (1 or 0) that an
 * alert can watch, and one structured WARN at start-up when it is off. Neither carries message content.
 */
public final class ModelModeReporter implements SmartInitializingSingleton {

    /** The gauge operators alert on ({@code tta_safety_model_enabled} in Prometheus). */
    public static final String GAUGE = "tta.safety.model.enabled";
    /** Where the consequences are explained. */
    public static final String DOC = "docs/adr/0005-safety-rules-engine.md#what-this-means-for-deployment";

    private static final Logger log = LoggerFactory.getLogger(ModelModeReporter.class);

    private final boolean enabled;

    public ModelModeReporter(ModelProperties properties, MeterRegistry registry) {
        this.enabled = properties.enabled();
        Gauge.builder(GAUGE, this, reporter -> reporter.enabled ? 1 : 0)
                .description("1 when the external moderation model takes part in safety classification, 0 when the rules decide alone")
                .register(registry);
    }

    @Override
    public void afterSingletonsInstantiated() {
        announce();
    }

    /** Logs the start-up warning when the model is disabled; called once, when the worker's context has started. */
    void announce() {
        if (!enabled) {
            log.atWarn()
                    .addKeyValue("event.action", "safety-model-disabled")
                    .addKeyValue("setting", "tta.safety.model.enabled=false")
                    .addKeyValue("doc", DOC)
                    .log("Safety classification runs on the rules alone: the external moderation model is disabled."
                            + " The rules are a floor, not the detector; production must enable tta.safety.model.* (see {})", DOC);
        }
    }
}
