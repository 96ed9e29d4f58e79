package org.tta.gateway.subscription;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/** The subscriptions store on {@code tta.subscriptions.v1}. */
@Configuration(proxyBeanMethods = false)
class SubscriptionStoreConfig {

    @Bean
    KafkaSubscriptionStore subscriptionStore(TopicCatalog topics, KafkaProperties kafka) {
        return new KafkaSubscriptionStore(topics.name(TopicId.SUBSCRIPTIONS), kafka.buildConsumerProperties(),
                kafka.buildProducerProperties());
    }
}
