package org.tta.router.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.tta.platform.tracing.RecordTracing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records one batch writes in its transaction: Kafka sinks, deliveries, notices and dead
 * letters. CloudEvents are written in Kafka binary mode, unchanged (same id and attributes).
 * Not thread-safe: the routing loop owns it.
 */
final class Outbox {

    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    private final RecordTracing tracing;

    Outbox(RecordTracing tracing) {
        this.tracing = tracing;
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
    }

    /** The event in binary mode, with the trace context of the record being routed. */
    void event(String topic, String key, CloudEvent event) {
        RecordHeaders headers = new RecordHeaders();
        tracing.inject(headers);
        records.add(record(topic, key, event, headers));
    }

    /** The event in binary mode with extra headers (a dead letter's error headers). */
    ProducerRecord<String, byte[]> record(String topic, String key, CloudEvent event, Headers extra) {
        Headers headers = new RecordHeaders(extra.toArray());
        byte[] value = serializer.serialize(topic, headers, event);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    void add(ProducerRecord<String, byte[]> record) {
        records.add(record);
    }

    List<ProducerRecord<String, byte[]>> records() {
        return records;
    }

    void clear() {
        records.clear();
    }
}
