package org.tta.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The routing loop's transactional producer: what it always enforces, and what it only defaults. */
class RouterProducerConfigTest {

    @EnableConfigurationProperties(RouterProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void sendsATransactionsOutputsAtOnceUnlessALingerIsConfigured() {
        runner.run(context -> {
            RouterProperties router = context.getBean(RouterProperties.class);
            assertThat(RouterConfig.producerConfig(Map.of(), router)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
            assertThat(RouterConfig.producerConfig(Map.of(ProducerConfig.LINGER_MS_CONFIG, "20"), router))
                    .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
        });
    }

    @Test
    void keepsTheTransactionalGuaranteesWhateverSpringsSettingsSay() {
        runner.withPropertyValues("tta.router.transactional-id=router-0").run(context -> {
            Map<String, Object> base =
                    Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            assertThat(RouterConfig.producerConfig(base, context.getBean(RouterProperties.class)))
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                    .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                    .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "router-0");
        });
    }
}
