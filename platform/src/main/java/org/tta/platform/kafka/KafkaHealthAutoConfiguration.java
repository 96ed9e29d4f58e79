package org.tta.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/** Registers the {@code kafka} health contributor (include it in the readiness group). */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class KafkaHealthAutoConfiguration {

    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, Environment environment) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        // A client id of its own per service keeps the admin clients' JMX names apart in the standalone JVM.
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "tta") + "-health");
        return new KafkaClusterHealthIndicator(config, Duration.ofSeconds(3));
    }
}
