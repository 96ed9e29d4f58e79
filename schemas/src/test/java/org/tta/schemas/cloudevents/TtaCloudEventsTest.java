package org.tta.schemas.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.schemas.validation.PayloadSchema;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;

class TtaCloudEventsTest {

    private static final URI SOURCE = URI.create("//tta/gateway-service/instance-1");
    private static final OffsetDateTime TIME = OffsetDateTime.of(2025, 6, 1, 10, 15, 30, 123_000_000, ZoneOffset.UTC);

    private static CloudEvent aSessionMessageEvent() {
        byte[] data = EventCodec.standard().encode(new SessionMessage("sess-1", "user-1", "patient", "hello"));
        return TtaCloudEvents.create(EventIds.newId(), EventTypes.SESSION_MESSAGE, SOURCE, "sess-1", TIME, data);
    }

    @Test
    void createsAJsonCloudEventWithTheDataSchemaOfItsType() {
        CloudEvent event = aSessionMessageEvent();

        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(event.getType()).isEqualTo(EventTypes.SESSION_MESSAGE);
        assertThat(event.getSource()).isEqualTo(SOURCE);
        assertThat(event.getSubject()).isEqualTo("sess-1");
        assertThat(event.getTime()).isEqualTo(TIME);
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getDataSchema()).isEqualTo(PayloadSchema.SESSION_MESSAGE.id());
    }

    @Test
    void leavesTheDataSchemaOutForAnUnknownType() {
        CloudEvent event = TtaCloudEvents.create("id-1", "org.tta.other.thing.v1", SOURCE, null, TIME, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(event.getDataSchema()).isNull();
        assertThat(event.getSubject()).isNull();
    }

    @Test
    void rejectsABlankKeyBecauseOrderDependsOnIt() {
        assertThatThrownBy(() -> TtaCloudEvents.toRecord("tta.session.events.v1", " ", aSessionMessageEvent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> TtaCloudEvents.create(" ", EventTypes.SESSION_MESSAGE, SOURCE, null, TIME, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }

    @Test
    void serializesInBinaryModeWithCeHeadersAndDeserializesToAnEqualEvent() {
        CloudEvent event = aSessionMessageEvent();
        String topic = TopicCatalog.standard().name(TopicId.SESSION_EVENTS);
        ProducerRecord<String, CloudEvent> record = TtaCloudEvents.toRecord(topic, "sess-1", event);

        Serializer<String> keySerializer = serializer(TtaCloudEvents.producerSerializerConfig(), true);
        Serializer<CloudEvent> valueSerializer = serializer(TtaCloudEvents.producerSerializerConfig(), false);
        byte[] key = keySerializer.serialize(topic, record.headers(), record.key());
        byte[] value = valueSerializer.serialize(topic, record.headers(), record.value());

        assertThat(record.topic()).isEqualTo("tta.session.events.v1");
        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("sess-1");
        Headers headers = record.headers();
        assertThat(header(headers, "ce_id")).isEqualTo(event.getId());
        assertThat(header(headers, "ce_type")).isEqualTo(EventTypes.SESSION_MESSAGE);
        assertThat(header(headers, "ce_source")).isEqualTo(SOURCE.toString());
        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_subject")).isEqualTo("sess-1");
        assertThat(header(headers, "ce_time")).isEqualTo("2025-06-01T10:15:30.123Z");
        assertThat(header(headers, "ce_dataschema")).isEqualTo(PayloadSchema.SESSION_MESSAGE.id().toString());
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        // Binary mode: the value is the data alone, not a structured CloudEvents envelope.
        assertThat(value).isEqualTo(event.getData().toBytes());

        Deserializer<CloudEvent> valueDeserializer = deserializer(TtaCloudEvents.consumerDeserializerConfig(), false);
        CloudEvent back = valueDeserializer.deserialize(topic, headers, value);
        assertThat(back).isEqualTo(event);
        Deserializer<String> keyDeserializer = deserializer(TtaCloudEvents.consumerDeserializerConfig(), true);
        assertThat(keyDeserializer.deserialize(topic, headers, key)).isEqualTo("sess-1");
    }

    @SuppressWarnings("unchecked")
    private static <T> Serializer<T> serializer(Map<String, Object> config, boolean isKey) {
        String className = (String) config.get(isKey ? "key.serializer" : "value.serializer");
        Serializer<T> serializer = Utils.newInstance(loadClass(className), Serializer.class);
        serializer.configure(new HashMap<>(config), isKey);
        return serializer;
    }

    @SuppressWarnings("unchecked")
    private static <T> Deserializer<T> deserializer(Map<String, Object> config, boolean isKey) {
        String className = (String) config.get(isKey ? "key.deserializer" : "value.deserializer");
        Deserializer<T> deserializer = Utils.newInstance(loadClass(className), Deserializer.class);
        deserializer.configure(new HashMap<>(config), isKey);
        return deserializer;
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as(name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
