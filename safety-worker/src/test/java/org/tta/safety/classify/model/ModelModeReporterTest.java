package org.tta.safety.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Operators can see, and alert on, a worker whose classification runs on the rules alone. */
class ModelModeReporterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ModelModeReporter.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void aDisabledModelReadsZeroOnTheGaugeAndWarnsOnceAtStartUpPointingToTheDeploymentNotes() {
        ModelModeReporter reporter = new ModelModeReporter(properties(false), meters);

        reporter.afterSingletonsInstantiated();

        assertThat(meters.get(ModelModeReporter.GAUGE).gauge().value()).isZero();
        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
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
        assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    private static ModelProperties properties(boolean enabled) {
        return new ModelProperties(enabled, URI.create("http://moderation.invalid/v1"), "moderation", Duration.ofMillis(800), 0.5,
                new ModelProperties.Breaker(50, 20, 5, Duration.ofSeconds(30), 2));
    }
}
