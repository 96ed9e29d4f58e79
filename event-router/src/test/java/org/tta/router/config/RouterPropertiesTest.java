package org.tta.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** The commit cadence settings: their defaults, and a bad interval failing at start-up. */
class RouterPropertiesTest {

    @EnableConfigurationProperties(RouterProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void commitsWheneverAPrefixGrowsByDefault() {
        runner.run(context -> {
            RouterProperties router = context.getBean(RouterProperties.class);
            assertThat(router.commitInterval()).isZero();
            assertThat(router.commitBatch()).isEqualTo(500);
            assertThat(router.gatherTimeout()).isEqualTo(Duration.ofMillis(2));
        });
    }

    @Test
    void bindsAnIntervalAndABatch() {
        runner.withPropertyValues("tta.router.commit-interval=100ms", "tta.router.commit-batch=200").run(context -> {
            RouterProperties router = context.getBean(RouterProperties.class);
            assertThat(router.commitInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(router.commitBatch()).isEqualTo(200);
        });
    }

    @Test
    void refusesANegativeOrOverlongInterval() {
        for (String interval : new String[] {"-1ms", "11s"}) {
            runner.withPropertyValues("tta.router.commit-interval=" + interval).run(context -> assertThat(context)
                    .getFailure().hasStackTraceContaining("tta.router.commit-interval must be between 0 and 10s"));
        }
    }

    @Test
    void refusesABatchBelowOne() {
        runner.withPropertyValues("tta.router.commit-batch=0").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("commitBatch"));
    }

    @Test
    void bindsAGatherTimeoutAndRefusesANegativeOrOverlongOne() {
        runner.withPropertyValues("tta.router.gather-timeout=3ms").run(context ->
                assertThat(context.getBean(RouterProperties.class).gatherTimeout()).isEqualTo(Duration.ofMillis(3)));
        for (String timeout : new String[] {"-1ms", "2s"}) {
            runner.withPropertyValues("tta.router.gather-timeout=" + timeout).run(context -> assertThat(context)
                    .getFailure().hasStackTraceContaining("tta.router.gather-timeout must be between 0 and 1s"));
        }
    }
}
