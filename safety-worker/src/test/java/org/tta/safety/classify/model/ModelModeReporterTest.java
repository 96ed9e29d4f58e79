package org.tta.safety.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tta.testkit.LogCapture;

/** Operators can see, and alert on, a worker whose classification runs on the rules alone. */
class ModelModeReporterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @RegisterExtension
    final LogCapture logs = LogCapture.of(ModelModeReporter.class);

    @Test
    void aDisabledModelReadsZeroOnTheGaugeAndWarnsOnceAtStartUpPointingToTheDeploymentNotes() {
        ModelModeReporter reporter = new ModelModeReporter(properties(false), meters);

        reporter.afterSingletonsInstantiated();

        assertThat(meters.get(ModelModeReporter.GAUGE).gauge().value()).isZero();
        List<ILoggingEvent> warnings = logs.events().stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        ILoggingEvent warning = warnings.getFirst();
        assertThat(warning.getFormattedMessage()).contains("rules alone").contains(ModelModeReporter.DOC);
        assertThat(warning.getKeyValuePairs()).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo("event.action");
            assertThat(kv.value).isEqualTo("safety-model-disabled");
        });
    }

    @Test
    void anEnabledModelReadsOneOnTheGaugeAndLogsNoWarning() {
        ModelModeReporter reporter = new ModelModeReporter(properties(true), meters);

        reporter.afterSingletonsInstantiated();

        assertThat(meters.get(ModelModeReporter.GAUGE).gauge().value()).isEqualTo(1.0);
        assertThat(logs.atLeast(Level.WARN)).isEmpty();
    }

    private static ModelProperties properties(boolean enabled) {
        return new ModelProperties(enabled, URI.create("http://moderation.invalid/v1"), "moderation", Duration.ofMillis(800), 0.5,
                new ModelProperties.Breaker(50, 20, 5, Duration.ofSeconds(30), 2));
    }
}
