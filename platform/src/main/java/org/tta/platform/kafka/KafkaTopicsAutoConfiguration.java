package org.tta.platform.kafka;

import java.util.Arrays;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/** The topic catalog (with this deployment's prefix) and, unless disabled, creation of missing topics. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(KafkaTopicsProperties.class)
public class KafkaTopicsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TopicCatalog topicCatalog(KafkaTopicsProperties properties) {
        return TopicCatalog.standard().withPrefix(properties.topicPrefix());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "tta.kafka.create-topics", matchIfMissing = true)
    KafkaAdmin.NewTopics catalogTopics(TopicCatalog catalog, KafkaTopicsProperties properties) {
        NewTopic[] topics = Arrays.stream(TopicId.values())
                .map(id -> catalog.newTopic(id, properties.partitions(), properties.replicationFactor()))
                .map(topic -> withMinIsr(topic, properties.minInsyncReplicas()))
                .toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(topics);
    }

    private static NewTopic withMinIsr(NewTopic topic, int minIsr) {
        var configs = new java.util.HashMap<>(topic.configs() == null ? java.util.Map.of() : topic.configs());
        configs.put("min.insync.replicas", Integer.toString(minIsr));
        return topic.configs(configs);
    }
}
