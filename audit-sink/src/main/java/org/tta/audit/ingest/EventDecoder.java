package org.tta.audit.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;
import org.tta.audit.store.AuditEntry;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.validation.MalformedJsonException;
import org.tta.schemas.validation.PayloadInvalidException;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import org.tta.schemas.validation.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a consumed Kafka record (a CloudEvent in binary mode) into an {@link AuditEntry} in the
 * common shape, by CloudEvent type, or says why it cannot. Audit records are validated against their
 * schema; safety verdicts and escalations, whose payloads their owner still refines, are mapped
 * generically from well-known properties and kept whole. Everything is checked here, before the
 * database, so that one bad record cannot fail a batch over and over. Stateless and thread-safe.
 */
@Component
class EventDecoder {

    /** The CloudEvent type of safety verdicts (the safety-worker's contract). */
    static final String SAFETY_VERDICT = "org.tta.safety.verdict.v1";
    /** Longest event id and metadata value stored; btree entries must fit in a page. */
    static final int MAX_VALUE_LENGTH = 256;

    private final PayloadValidator validator;

    EventDecoder() {
        this(PayloadValidator.standard());
    }

    EventDecoder(PayloadValidator validator) {
        this.validator = validator;
    }

    Decoded decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            // A binary-mode event without data has CloudEvents headers and no value.
            event = record.value() == null && record.headers().lastHeader("ce_id") == null ? null
                    : new CloudEventDeserializer().deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            return rejected(record, null, RejectReason.UNDECODABLE, "not a CloudEvent (" + e.getClass().getSimpleName() + ")");
        }
        if (event == null) {
            return rejected(record, null, RejectReason.UNDECODABLE, "no value");
        }
        String id = event.getId();
        if (id.length() > MAX_VALUE_LENGTH || id.indexOf('\u0000') >= 0) {
            return rejected(record, null, RejectReason.UNSTORABLE, "event id too long or with a NUL character");
        }
        if (event.getData() == null || !isJson(event.getDataContentType())) {
            return rejected(record, id, RejectReason.NO_JSON_DATA, "data content type " + event.getDataContentType());
        }
        byte[] data = event.getData().toBytes();
        ObjectNode payload;
        try {
            JsonNode tree = TtaJson.mapper().readTree(data);
            if (!(tree instanceof ObjectNode object)) {
                return rejected(record, id, RejectReason.MALFORMED, "data is not a JSON object");
            }
            payload = object;
        } catch (JacksonException e) {
            return rejected(record, id, RejectReason.MALFORMED, "data is not JSON (" + e.getClass().getSimpleName() + ")");
        }
        AuditEntry entry;
        try {
            entry = switch (event.getType()) {
                case EventTypes.AUDIT_RECORD -> auditRecord(event, data, payload, record);
                case SAFETY_VERDICT -> SafetyMapping.verdict(event, payload, sourceService(event), traceId(record), origin(record));
                case EventTypes.SAFETY_ESCALATION ->
                        SafetyMapping.escalation(event, payload, sourceService(event), traceId(record), origin(record));
                default -> null;
            };
        } catch (MalformedJsonException e) {
            return rejected(record, id, RejectReason.MALFORMED, e.getMessage());
        } catch (PayloadInvalidException e) {
            return rejected(record, id, RejectReason.INVALID, describe(e.violations()));
        } catch (IllegalArgumentException e) {
            return rejected(record, id, RejectReason.INVALID, e.getMessage());
        }
        if (entry == null) {
            return rejected(record, id, RejectReason.WRONG_TYPE, "type " + abbreviate(event.getType()));
        }
        String unstorable = Storable.problem(entry);
        if (unstorable != null) {
            return rejected(record, id, RejectReason.UNSTORABLE, unstorable);
        }
        return new Decoded.Entry(record, entry);
    }

    private AuditEntry auditRecord(CloudEvent event, byte[] data, ObjectNode payload,
            ConsumerRecord<String, byte[]> record) {
        AuditRecord r = validator.readValid(PayloadSchema.AUDIT_RECORD, data, AuditRecord.class);
        Map<String, String> phi = PhiFields.extract(payload);
        return new AuditEntry(event.getId(), event.getType(), event.getSource().toString(),
                org.tta.audit.store.RecordKind.AUDIT_RECORD, r.occurredAt(),
                new AuditEntry.Who(r.actorId(), r.actorRole(), text(payload, "clientId")),
                new AuditEntry.What(r.action(), r.resourceType(), r.resourceId(), r.outcome()),
                new AuditEntry.Where(r.sessionId(), r.sourceService(), r.clientIp(),
                        r.traceId() != null ? r.traceId() : traceId(record)),
                null, null, payload.toString(), phi, origin(record));
    }

    static String text(JsonNode payload, String name) {
        JsonNode value = payload.get(name);
        return value != null && value.isString() ? value.asString() : null;
    }

    static Instant eventTime(CloudEvent event, JsonNode payload, String... names) {
        for (String name : names) {
            String value = text(payload, name);
            if (value != null) {
                try {
                    return Instant.parse(value);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("/" + name + " is not an RFC 3339 instant");
                }
            }
        }
        if (event.getTime() != null) {
            return event.getTime().toInstant();
        }
        throw new IllegalArgumentException("the event has no time");
    }

    /** The service name: the last segment of the CloudEvent source, such as {@code safety-worker}. */
    static String sourceService(CloudEvent event) {
        URI source = event.getSource();
        String path = source.getPath() != null && !source.getPath().isEmpty() ? source.getPath() : source.toString();
        String[] segments = path.split("/");
        return segments.length == 0 ? path : segments[segments.length - 1];
    }

    /** The trace id of the W3C {@code traceparent} header, if there is one. */
    static String traceId(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader("traceparent");
        if (header == null || header.value() == null) {
            return null;
        }
        String[] parts = new String(header.value(), StandardCharsets.US_ASCII).split("-");
        return parts.length >= 2 && parts[1].matches("[0-9a-f]{32}") ? parts[1] : null;
    }

    static AuditEntry.KafkaOrigin origin(ConsumerRecord<?, ?> record) {
        return new AuditEntry.KafkaOrigin(record.topic(), record.partition(), record.offset());
    }

    private static Decoded rejected(ConsumerRecord<String, byte[]> record, String id, RejectReason reason, String detail) {
        return new Decoded.Rejected(record, id == null ? null : abbreviate(id), reason, detail);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** An id fit for a log line: short, without control characters. */
    static String abbreviate(String id) {
        String shown = id.length() <= 64 ? id : id.substring(0, 64) + "...";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static String describe(List<Violation> violations) {
        // Pointers and messages never carry submitted values (see Violation).
        return violations.stream().map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + " " + v.message())
                .collect(Collectors.joining("; "));
    }
}
