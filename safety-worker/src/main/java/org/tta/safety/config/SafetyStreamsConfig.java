package org.tta.safety.config;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.tta.platform.tracing.RecordTracing;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;
import org.tta.safety.classify.Classifier;
import org.tta.safety.scan.BoundedClassifier;
import org.tta.safety.stream.SafetyTopology;
import org.tta.schemas.topics.TopicCatalog;

/**
 * The Kafka Streams application ({@code spring.kafka.streams.*}: exactly_once_v2, application id with the topic
 * prefix). A {@link Classifier} bean is required: the worker has no fallback classifier of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(SafetyProperties.class)
class SafetyStreamsConfig {

    private static final Logger log = LoggerFactory.getLogger(SafetyStreamsConfig.class);

    /** The time source of deadlines and event times; tests replace it with a clock they can advance. */
    @Bean
    Clock safetyClock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    BoundedClassifier boundedClassifier(Classifier classifier, SafetyProperties properties) {
        return new BoundedClassifier(classifier, properties.classifier().timeout(), properties.classifier().threads());
    }

    @Bean
    KStream<String, ?> safetyTopology(StreamsBuilder builder, TopicCatalog topics, BoundedClassifier classifier,
            SafetyProperties properties, Clock clock, MeterRegistry meters, RecordTracing tracing) {
        return SafetyTopology.build(builder, topics, classifier, properties, clock, meters, tracing);
    }

    /** Existing changelog topics take the broker's time before the stream threads start ({@link ChangelogTimestamps}). */
    @Bean
    ChangelogTimestamps changelogTimestamps(KafkaAdmin admin, KafkaStreamsConfiguration streams) {
        return new ChangelogTimestamps(admin.getConfigurationProperties(),
                streams.asProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    /** A failed stream thread is replaced (its tasks restart from the last committed transaction), never left dead. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer safetyStreamsThreads() {
        return factory -> factory.setStreamsUncaughtExceptionHandler(exception -> {
            log.error("Stream thread failed ({}); replacing it", exception.getClass().getName(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }
}
