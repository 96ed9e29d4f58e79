package org.tta.audit.ingest;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.tta.audit.store.AuditRow;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.validation.MalformedJsonException;
import org.tta.schemas.validation.PayloadInvalidException;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import org.tta.schemas.validation.Violation;

/**
 * Turns a consumed Kafka record (a CloudEvent in binary mode) into an {@link AuditRow}, or says
 * why it cannot: wrong type, no JSON data, malformed or schema-invalid data, or values PostgreSQL
 * would refuse. Everything is checked here, before the database, so that one bad record can never
 * fail a batch insert over and over. Stateless and thread-safe.
 */
@Component
class AuditRecordDecoder {

    /** A unique btree entry must fit in a page; ids are UUIDs in practice, so this is generous. */
    static final int MAX_EVENT_ID_LENGTH = 256;

    private static final LogAccessor LOG = new LogAccessor(AuditRecordDecoder.class);

    private final PayloadValidator validator;

    AuditRecordDecoder() {
        this(PayloadValidator.standard());
    }

    AuditRecordDecoder(PayloadValidator validator) {
        this.validator = validator;
    }

    Decoded decode(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null) {
            return rejected(record, null, RejectReason.UNDECODABLE, deserializationFailure(record));
        }
        String id = event.getId();
        if (!EventTypes.AUDIT_RECORD.equals(event.getType())) {
            return rejected(record, id, RejectReason.WRONG_TYPE, "type " + event.getType());
        }
        CloudEventData data = event.getData();
        if (data == null || !isJson(event.getDataContentType())) {
            return rejected(record, id, RejectReason.NO_JSON_DATA, "data content type " + event.getDataContentType());
        }
        AuditRecord payload;
        try {
            payload = validator.readValid(PayloadSchema.AUDIT_RECORD, data.toBytes(), AuditRecord.class);
        } catch (MalformedJsonException e) {
            return rejected(record, id, RejectReason.MALFORMED, e.getMessage());
        } catch (PayloadInvalidException e) {
            return rejected(record, id, RejectReason.INVALID, describe(e.violations()));
        }
        if (id.length() > MAX_EVENT_ID_LENGTH || hasNul(id, event.getSource().toString(), payload)) {
            return rejected(record, id, RejectReason.UNSTORABLE,
                    "event id longer than " + MAX_EVENT_ID_LENGTH + " characters or a NUL character in a value");
        }
        return new Decoded.Row(new AuditRow(id, event.getType(), event.getSource().toString(), event.getTime(),
                payload, new AuditRow.KafkaOrigin(record.topic(), record.partition(), record.offset())));
    }

    private static Decoded rejected(ConsumerRecord<?, ?> record, String id, RejectReason reason, String detail) {
        return new Decoded.Rejected(record, id == null ? null : abbreviate(id), reason, detail);
    }

    private static String deserializationFailure(ConsumerRecord<?, ?> record) {
        if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) == null) {
            return "no value";
        }
        // The exception keeps the raw bytes in data(); only its type and message are used here.
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        Throwable cause = failure == null || failure.getCause() == null ? failure : failure.getCause();
        return "not a CloudEvent (" + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")";
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    // PostgreSQL text cannot hold U+0000; JSON can ("\u0000"), and the schema does not forbid it.
    private static boolean hasNul(String id, String source, AuditRecord r) {
        for (String value : new String[] {id, source, r.action(), r.outcome(), r.actorId(), r.actorRole(),
                r.sessionId(), r.resourceType(), r.resourceId(), r.sourceService(), r.clientIp(), r.traceId(),
                r.content()}) {
            if (value != null && value.indexOf('\u0000') >= 0) {
                return true;
            }
        }
        return false;
    }

    /** An id fit for a log line: short, without control characters. */
    private static String abbreviate(String id) {
        String shown = id.length() <= 64 ? id : id.substring(0, 64) + "...";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static String describe(List<Violation> violations) {
        // Pointers and messages never carry submitted values (see Violation).
        return violations.stream().map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + " " + v.message())
                .collect(Collectors.joining("; "));
    }
}
