package org.tta.audit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * Writes records the sink will not store to the dead-letter topic of their source: escalations to
 * {@code tta.safety.escalations.dlq.v1}, everything else (audit records, verdicts) to
 * {@code tta.audit.records.dlq.v1}. The key, value and headers are the source's, byte for byte, plus
 * Spring Kafka's {@code kafka_dlt-*} headers (original topic, partition, offset) and {@code
 * tta-dlq-reason}. {@link #send} returns only once Kafka acknowledged every dead letter, so the
 * batch's offsets are committed after its dead letters are durable (at least once: a redelivered
 * batch may dead-letter a record twice).
 */
@Component
class DeadLetters {

    static final String REASON_HEADER = "tta-dlq-reason";
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, byte[]> kafka;
    private final TopicCatalog catalog;

    DeadLetters(@Qualifier("auditKafkaTemplate") KafkaTemplate<String, byte[]> kafka, TopicCatalog catalog) {
        this.kafka = kafka;
        this.catalog = catalog;
    }

    void send(List<Decoded.Rejected> rejected) {
        List<CompletableFuture<?>> acks = new ArrayList<>(rejected.size());
        for (Decoded.Rejected rejection : rejected) {
            acks.add(kafka.send(deadLetter(rejection)));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the dead letters; the batch will be redelivered", e);
        }
    }

    String topicFor(String sourceTopic) {
        return sourceTopic.equals(catalog.name(TopicId.SAFETY_ESCALATIONS))
                ? catalog.name(TopicId.SAFETY_ESCALATIONS_DLQ) : catalog.name(TopicId.AUDIT_RECORDS_DLQ);
    }

    private ProducerRecord<String, byte[]> deadLetter(Decoded.Rejected rejection) {
        ConsumerRecord<String, byte[]> source = rejection.record();
        List<Header> headers = new ArrayList<>();
        source.headers().forEach(headers::add);
        headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(source.topic())));
        headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION, bytes(Integer.toString(source.partition()))));
        headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET, bytes(Long.toString(source.offset()))));
        headers.add(new RecordHeader(REASON_HEADER, bytes(rejection.reason().tag())));
        return new ProducerRecord<>(topicFor(source.topic()), null, source.key(), source.value(), headers);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
