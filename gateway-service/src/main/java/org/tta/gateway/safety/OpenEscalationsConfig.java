package org.tta.gateway.safety;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.tta.gateway.ratelimit.EscalationRegistry;

/** The gateway's one consumer so far: the open-escalations feed, with its own read_committed container. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenEscalationsProperties.class)
@ConditionalOnProperty(prefix = "tta.gateway.open-escalations", name = "enabled", havingValue = "true", matchIfMissing = true)
class OpenEscalationsConfig {

    static final String CONTAINER_FACTORY = "openEscalationsContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(OpenEscalationsConfig.class);

    @Bean
    OpenEscalationsListener openEscalationsListener(EscalationRegistry registry, MeterRegistry meters) {
        return new OpenEscalationsListener(registry, meters);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CloudEvent> openEscalationsContainerFactory(
            KafkaProperties kafka, OpenEscalationsProperties properties, MeterRegistry meters) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, CloudEventDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-open-escalations");

        ConcurrentKafkaListenerContainerFactory<String, CloudEvent> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.getContainerProperties().setObservationEnabled(true);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        // Registry writes are retried without end: skipping one would leave a session in crisis in the
        // ordinary rate-limit class. Only a record that is not a CloudEvent at all is skipped (counted, logged).
        DefaultErrorHandler errors = new DefaultErrorHandler((record, e) -> {
            meters.counter("tta.gateway.open.escalations.updates", "outcome", "undecodable").increment();
            log.warn("Skipped an undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }, backOff);
        errors.setClassifications(Map.of(DeserializationException.class, false), true);
        errors.setRetryListeners((record, ex, attempt) -> log.warn(
                "Could not record escalation state from {}-{}@{} (attempt {}): {}", record.topic(), record.partition(),
                record.offset(), attempt, ex.getClass().getSimpleName()));
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
