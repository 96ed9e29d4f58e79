package org.tta.gateway.realtime.delivery;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * Consumers of {@code tta.deliveries.v1} without a group: partitions are assigned by hand and no
 * offset is ever committed, so every instance (and every resume) reads all it needs independently.
 * {@code read_committed}: the router writes deliveries in transactions.
 */
@Component
public class DeliveryConsumers {

    private final KafkaProperties kafka;
    private final String topic;

    DeliveryConsumers(KafkaProperties kafka, TopicCatalog topics) {
        this.kafka = kafka;
        this.topic = topics.name(TopicId.DELIVERIES);
    }

    public String topic() {
        return topic;
    }

    KafkaConsumer<String, CloudEvent> create(String clientIdSuffix, int maxPollRecords) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-deliveries-" + clientIdSuffix);
        return new KafkaConsumer<>(config, new StringDeserializer(), new CloudEventDeserializer());
    }
}
