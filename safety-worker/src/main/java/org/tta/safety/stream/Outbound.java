package org.tta.safety.stream;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.tta.schemas.topics.TopicId;

/**
 * A record the topology writes: its destination and its value bytes; the CloudEvents attributes travel as the
 * record's headers (Kafka binary mode), set where the event was encoded.
 */
record Outbound(TopicId topic, byte[] value, Headers headers) {

    /** Writes the value bytes as they are; the topic is chosen by the sink's topic extractor. */
    static Serde<Outbound> serde() {
        Serializer<Outbound> serializer = (topic, outbound) -> outbound == null ? null : outbound.value();
        Deserializer<Outbound> deserializer = (topic, bytes) -> {
            throw new UnsupportedOperationException("Outbound records are only written");
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
