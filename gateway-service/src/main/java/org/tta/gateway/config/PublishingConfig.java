package org.tta.gateway.config;

import io.cloudevents.CloudEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.publish.EventPublisher;
import org.tta.gateway.publish.KafkaEventPublisher;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the Kafka publisher with its own bounded send scheduler. */
@Configuration(proxyBeanMethods = false)
class PublishingConfig {

    @Bean(destroyMethod = "dispose")
    Scheduler kafkaSendScheduler(IngestProperties properties) {
        return Schedulers.newBoundedElastic(properties.sendThreads(), properties.sendQueue(), "kafka-send", 60, true);
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, CloudEvent> template, Scheduler kafkaSendScheduler,
                                  IngestProperties properties) {
        return new KafkaEventPublisher(template, kafkaSendScheduler, properties.publishTimeout());
    }
}
