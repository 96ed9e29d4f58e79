package org.tta.audit.support;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Consumer records as the sink receives them (raw bytes, CloudEvents binary-mode headers), for unit tests. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    public static ConsumerRecord<String, byte[]> record(String topic, CloudEvent event, int partition, long offset) {
        ProducerRecord<String, byte[]> produced = KafkaMessageFactory.createWriter(topic, "s").writeBinary(event);
        return new ConsumerRecord<>(topic, partition, offset, 0L, TimestampType.CREATE_TIME, -1, -1, "s",
                produced.value(), produced.headers(), Optional.empty());
    }

    public static ConsumerRecord<String, byte[]> raw(String topic, String value) {
        return new ConsumerRecord<>(topic, 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1, "s",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
    }
}
