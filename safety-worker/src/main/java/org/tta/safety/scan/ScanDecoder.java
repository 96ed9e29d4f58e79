package org.tta.safety.scan;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.common.header.Headers;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.validation.MalformedJsonException;
import org.tta.schemas.validation.PayloadInvalidException;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;

/** Turns a scan record (CloudEvent in Kafka binary mode) into a valid {@link Scan}, or says why it is poison. */
public final class ScanDecoder {

    private final PayloadValidator validator = PayloadValidator.standard();

    /**
     * @throws PoisonRecordException when the record is not a scan CloudEvent with a valid payload for its key
     */
    public Scan decode(String topic, String key, Headers headers, byte[] value) {
        CloudEvent event = EventDecoding.cloudEvent(topic, headers, value);
        if (!EventTypes.SAFETY_SCAN.equals(event.getType())) {
            throw new PoisonRecordException("wrong_type", "event " + event.getId() + " is of type " + event.getType());
        }
        if (event.getData() == null) {
            throw new PoisonRecordException("invalid_payload", "event " + event.getId() + " has no data");
        }
        SafetyScanRequest request;
        try {
            request = validator.readValid(PayloadSchema.SAFETY_SCAN_REQUEST, event.getData().toBytes(), SafetyScanRequest.class);
        } catch (MalformedJsonException e) {
            throw new PoisonRecordException("malformed_json", "event " + event.getId() + " data is not one JSON value");
        } catch (PayloadInvalidException e) {
            throw new PoisonRecordException("invalid_payload", "event " + event.getId() + " data breaks its schema");
        }
        if (key == null || !key.equals(request.sessionId())) {
            throw new PoisonRecordException("key_mismatch", "event " + event.getId() + " key is not its session id");
        }
        return new Scan(event.getId(), request);
    }

    /** Shared CloudEvent decoding of binary-mode records. */
    static final class EventDecoding {

        private EventDecoding() {
        }

        static CloudEvent cloudEvent(String topic, Headers headers, byte[] value) {
            try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
                return deserializer.deserialize(topic, headers, value);
            } catch (RuntimeException e) {
                throw new PoisonRecordException("not_a_cloudevent", "record is not a CloudEvent (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
