package org.tta.audit.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The sink's producer (dead letters, checkpoints: raw bytes with CloudEvents headers) and its clock. */
@Configuration(proxyBeanMethods = false)
class AuditKafkaConfig {

    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<String, byte[]> auditProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A send that cannot get metadata fails fast; the batch is then redelivered.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    KafkaTemplate<String, byte[]> auditKafkaTemplate(DefaultKafkaProducerFactory<String, byte[]> auditProducerFactory) {
        return new KafkaTemplate<>(auditProducerFactory);
    }

    /** The time of stored rows, data keys, partitions and retention; tests replace it to move time. */
    @Bean
    Clock auditClock() {
        return Clock.systemUTC();
    }
}
