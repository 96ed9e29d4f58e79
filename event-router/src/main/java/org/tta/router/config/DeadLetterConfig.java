package org.tta.router.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tta.router.deadletter.DeadLetterAudit;
import org.tta.router.deadletter.DeadLetterStore;
import org.tta.router.deadletter.Redriver;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.router.webhook.WebhookDispatcher;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/** Wiring of the dead-letter ops API. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfig {

    @Bean(destroyMethod = "close")
    KafkaProducer<String, byte[]> opsProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "event-router-ops");
        return new KafkaProducer<>(config);
    }

    @Bean
    DeadLetterStore deadLetterStore(TopicCatalog topics, KafkaProperties kafka) {
        return new DeadLetterStore(List.of(topics.name(TopicId.SESSION_EVENTS_DLQ), topics.name(TopicId.SAFETY_ESCALATIONS_DLQ)),
                kafka.buildConsumerProperties(), 100_000);
    }

    @Bean
    Redriver redriver(SubscriptionTable table, DeadLetterStore store, WebhookDispatcher webhooks,
            KafkaProducer<String, byte[]> opsProducer, DeliveryMetrics metrics, Clock clock) {
        return new Redriver(table, store, webhooks, opsProducer, metrics, clock);
    }

    @Bean
    DeadLetterAudit deadLetterAudit(TopicCatalog topics, KafkaProducer<String, byte[]> opsProducer, Clock clock) {
        return new DeadLetterAudit(topics.name(TopicId.AUDIT_RECORDS), opsProducer, clock);
    }
}
