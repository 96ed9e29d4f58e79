package org.tta.schemas.cloudevents;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.validation.PayloadSchema;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;

/** Builds TTA CloudEvents and the Kafka records and client settings that carry them in binary mode. */
public final class TtaCloudEvents {

    /** The content type of every TTA event's data. */
    public static final String JSON = "application/json";

    private TtaCloudEvents() {
    }

    /**
     * A CloudEvent 1.0 with JSON data; {@code dataschema} is set when the type is a known one.
     *
     * @param subject the session id (or other subject); may be {@code null}
     */
    public static CloudEvent create(String id, String type, URI source, String subject, OffsetDateTime time,
            byte[] jsonData) {
        CloudEventBuilder builder = CloudEventBuilder.fromSpecVersion(SpecVersion.V1)
                .withId(requireText(id, "id"))
                .withType(requireText(type, "type"))
                .withSource(Objects.requireNonNull(source, "source"))
                .withTime(Objects.requireNonNull(time, "time"))
                .withData(JSON, Objects.requireNonNull(jsonData, "jsonData"));
        if (subject != null) {
            builder.withSubject(subject);
        }
        EventTypes.schemaOf(type).map(PayloadSchema::id).ifPresent(builder::withDataSchema);
        return builder.build();
    }

    /**
     * A record for {@code topic}. The key is required: it picks the partition, and one session's
     * events keep their order only because they share a key.
     */
    public static ProducerRecord<String, CloudEvent> toRecord(String topic, String key, CloudEvent event) {
        return new ProducerRecord<>(requireText(topic, "topic"), requireText(key, "key"),
                Objects.requireNonNull(event, "event"));
    }

    /** Producer settings: String keys, CloudEvents values in binary mode ({@code ce_*} headers). */
    public static Map<String, Object> producerSerializerConfig() {
        return Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName(),
                CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name());
    }

    /** Consumer settings: String keys, CloudEvents values (the deserializer detects the mode by itself). */
    public static Map<String, Object> consumerDeserializerConfig() {
        return Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
