package org.tta.audit.config;

import java.util.Map;
import java.util.StringJoiner;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ErrorHandlingUtils;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handling of the audit listener container (Spring Boot hands the bean to the container
 * factory). A batch that could not be stored is redelivered with exponential back-off, without end:
 * the audit trail must not lose a record, so a database outage stalls consumption (visible as
 * consumer lag and {@code tta.audit.batch.write{outcome=failure}}) instead of skipping data.
 */
@Configuration(proxyBeanMethods = false)
class KafkaIngestConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaIngestConfig.class);

    @Bean
    DefaultErrorHandler auditBatchErrorHandler(AuditSinkProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        // No max attempts and no max elapsed time: the defaults of ExponentialBackOff are unbounded.
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            // Only reached if retrying ever stops; throwing makes the container re-seek, never skip.
            throw new IllegalStateException("Audit records are never skipped; the batch will be redelivered", e);
        }, backOff);
        // Every exception is worth retrying: the default "fatal" list (conversion errors and the like)
        // would send the batch straight to the recoverer.
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(new BatchFailureLog());
        return handler;
    }

    /** Logs each failed attempt once, with where it was in Kafka; the cause never carries row values. */
    private static final class BatchFailureLog implements RetryListener {

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            log.warn("Could not store audit record {}-{}@{} (attempt {}); it will be redelivered: {}",
                    record.topic(), record.partition(), record.offset(), deliveryAttempt, describe(ex));
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
            log.warn("Could not store a batch of {} audit records [{}] (attempt {}); it will be redelivered: {}",
                    records.count(), ranges(records), deliveryAttempt, describe(ex));
        }

        /** {@code topic-partition@first..last} per partition: a batch may hold hundreds of records. */
        private static String ranges(ConsumerRecords<?, ?> records) {
            StringJoiner joined = new StringJoiner(", ");
            for (TopicPartition partition : records.partitions()) {
                var inPartition = records.records(partition);
                joined.add(partition + "@" + inPartition.getFirst().offset() + ".." + inPartition.getLast().offset());
            }
            return joined.toString();
        }

        private static String describe(Exception ex) {
            // pgjdbc is configured with logServerErrorDetail=false, so its messages hold no parameter values.
            Throwable failure = ErrorHandlingUtils.findRootCause(ex);
            if (failure == null) {
                return "unknown";
            }
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
            return failure.getClass().getSimpleName()
                    + (cause == failure ? "" : " caused by " + cause.getClass().getName()) + ": " + cause.getMessage();
        }
    }
}
