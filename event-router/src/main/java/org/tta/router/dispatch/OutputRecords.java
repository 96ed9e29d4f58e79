package org.tta.router.dispatch;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.tta.platform.tracing.RecordTracing;

/**
 * Builds the Kafka outputs of a routed record: Kafka sinks, deliveries, notices and dead letters.
 * CloudEvents are written in Kafka binary mode, unchanged (same id and attributes). Not thread-safe:
 * the routing loop owns it.
 */
final class OutputRecords {

    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private final RecordTracing tracing;

    OutputRecords(RecordTracing tracing) {
        this.tracing = tracing;
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
    }

    /** The event in binary mode, with the trace context of the record being routed. */
    ProducerRecord<String, byte[]> event(String topic, String key, CloudEvent event) {
        RecordHeaders headers = new RecordHeaders();
        tracing.inject(headers);
        return record(topic, key, event, headers);
    }

    /** The event in binary mode with extra headers (a dead letter's error headers). */
    ProducerRecord<String, byte[]> record(String topic, String key, CloudEvent event, Headers extra) {
        Headers headers = new RecordHeaders(extra.toArray());
        byte[] value = serializer.serialize(topic, headers, event);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }
}
