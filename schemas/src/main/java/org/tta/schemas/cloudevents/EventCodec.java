package org.tta.schemas.cloudevents;

import java.util.Locale;
import java.util.Objects;

import org.tta.schemas.json.TtaJson;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes payload records as JSON event data and decodes them back (ISO-8601 instants, nulls
 * omitted, unknown properties ignored). Thread-safe.
 */
public final class EventCodec {

    private static final EventCodec STANDARD = new EventCodec(TtaJson.mapper());

    private final JsonMapper mapper;

    private EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The codec with the shared TTA JSON settings. */
    public static EventCodec standard() {
        return STANDARD;
    }

    public byte[] encode(Object payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JacksonException e) {
            throw new EventCodecException("Cannot encode " + payload.getClass().getSimpleName() + " at '"
                    + TtaJson.pointerOf(e) + "' (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Decodes the data of an event; it must be JSON ({@code datacontenttype} absent or JSON). */
    public <T> T decode(CloudEvent event, Class<T> type) {
        String contentType = event.getDataContentType();
        if (contentType != null && !isJson(contentType)) {
            throw new EventCodecException("Event " + event.getId() + " of type " + event.getType()
                    + " has data of content type " + contentType + ", not JSON");
        }
        CloudEventData data = event.getData();
        if (data == null) {
            throw new EventCodecException("Event " + event.getId() + " of type " + event.getType() + " has no data");
        }
        return decode(data.toBytes(), type);
    }

    public <T> T decode(byte[] data, Class<T> type) {
        Objects.requireNonNull(data, "data");
        try {
            T value = mapper.readValue(data, type);
            if (value == null) {
                throw new EventCodecException("Cannot decode " + type.getSimpleName() + " from JSON null");
            }
            return value;
        } catch (JacksonException e) {
            throw new EventCodecException("Cannot decode " + type.getSimpleName() + " at '" + TtaJson.pointerOf(e)
                    + "' (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
