package org.tta.gateway.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.tta.gateway.ingest.SessionIds;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import org.tta.schemas.validation.Violation;

import static org.tta.gateway.events.EventAttributes.*;

/**
 * The gateway's rules for a service's event: CloudEvents 1.0 attributes of the right types, a TTA
 * event type, a session key, a UUID id if any, only allowed extensions, and data that matches the
 * schema of a known type. Collects every violation rather than stopping at the first. Thread-safe.
 */
final class EventRules {

    static final Pattern TYPE_FORM = Pattern.compile("org\\.tta\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+\\.v[0-9]+");
    /**
     * Checked before {@link #TYPE_FORM}: the pattern's repeated group recurses once per segment in
     * java.util.regex, so a type of many thousand segments overflowed the stack (a 500, found by the fuzzer).
     */
    static final int MAX_TYPE = 128;
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_TRACESTATE = 512;

    private final Set<String> allowedExtensions;
    private final PayloadValidator validator;

    EventRules(Set<String> allowedExtensions, PayloadValidator validator) {
        this.allowedExtensions = Set.copyOf(allowedExtensions);
        this.validator = validator;
    }

    /** The checked event, or empty after adding why it is not acceptable to {@code violations}. */
    Optional<ClientEvent> check(RawEvent raw, List<EventViolation> violations) {
        Checks c = new Checks(raw, violations);
        violations.addAll(raw.problems());
        Map<String, Object> extensions = extensions(c);

        String specversion = c.string(SPECVERSION, true);
        if (specversion != null && !"1.0".equals(specversion)) {
            c.fail(SPECVERSION, "must be 1.0");
        }
        String type = c.string(TYPE, true);
        if (type != null && type.length() > MAX_TYPE) {
            c.fail(TYPE, "must be at most " + MAX_TYPE + " characters");
            type = null;
        } else if (type != null && !TYPE_FORM.matcher(type).matches()) {
            c.fail(TYPE, "must match " + TYPE_FORM.pattern() + " (org.tta.<area>.<name>.v<N>)");
            type = null;
        }
        String id = c.string(ID, false);
        if (id != null && !UUID_FORM.matcher(id).matches()) {
            c.fail(ID, "must be a UUID when given (the gateway assigns the event id)");
        }
        String source = c.string(SOURCE, false);
        if (source != null && !isUriReference(source)) {
            c.fail(SOURCE, "must be a non-empty URI-reference");
        }
        String sessionKey = sessionKey(c);
        String time = c.string(TIME, false);
        if (time != null && !isTimestamp(time)) {
            c.fail(TIME, "must be an RFC 3339 timestamp");
        }
        String contentType = c.string(DATACONTENTTYPE, false);
        if (contentType != null && !EventMode.isJson(contentType)) {
            c.fail(DATACONTENTTYPE, "must be a JSON media type: the gateway carries JSON data only");
        }
        URI dataSchema = dataSchema(c, type);
        traceContext(c);

        if (c.failed()) {
            return Optional.empty();
        }
        String dataContentType = raw.data() == null ? null : (contentType != null ? contentType : "application/json");
        return Optional.of(new ClientEvent(type, sessionKey, id, source, dataContentType, dataSchema, raw.dataBytes(),
                extensions));
    }

    private Map<String, Object> extensions(Checks c) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, Object> attribute : c.raw.attributes().entrySet()) {
            String name = attribute.getKey();
            if (CORE.contains(name)) {
                continue;
            }
            if (GATEWAY_OWNED.contains(name)) {
                c.fail(name, "is set by the gateway and must not be sent");
            } else if (!allowedExtensions.contains(name)) {
                c.fail(name, "is not an attribute this gateway accepts (allowed extensions: "
                        + String.join(", ", allowedExtensions.stream().sorted().toList()) + ")");
            } else if (attribute.getValue() instanceof String text && HeaderValues.hasControlCharacter(text)) {
                c.fail(name, "must not contain control characters");
            } else {
                extensions.put(name, attribute.getValue());
            }
        }
        return extensions;
    }

    private static String sessionKey(Checks c) {
        String subject = c.string(SUBJECT, false);
        String partitionKey = c.string(PARTITIONKEY, false);
        if (subject == null && partitionKey == null) {
            if (!c.raw.attributes().containsKey(SUBJECT) && !c.raw.attributes().containsKey(PARTITIONKEY)) {
                c.fail(SUBJECT, "is required: the session id, as subject or as the partitionkey extension");
            }
            return null;
        }
        if (subject != null && !SessionIds.isValid(subject)) {
            c.fail(SUBJECT, "must be a session id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
            return null;
        }
        if (partitionKey != null && !SessionIds.isValid(partitionKey)) {
            c.fail(PARTITIONKEY, "must be a session id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
            return null;
        }
        if (subject != null && partitionKey != null && !subject.equals(partitionKey)) {
            c.fail(PARTITIONKEY, "must equal subject when both are given");
            return null;
        }
        return subject != null ? subject : partitionKey;
    }

    private URI dataSchema(Checks c, String type) {
        String given = c.string(DATASCHEMA, false);
        URI dataSchema = null;
        if (given != null) {
            try {
                dataSchema = new URI(given);
                if (!dataSchema.isAbsolute()) {
                    c.fail(DATASCHEMA, "must be an absolute URI");
                }
            } catch (URISyntaxException e) {
                c.fail(DATASCHEMA, "must be an absolute URI");
            }
        }
        Optional<PayloadSchema> known = EventTypes.schemaOf(type);
        if (known.isEmpty()) {
            return dataSchema;
        }
        PayloadSchema schema = known.get();
        if (dataSchema != null && !dataSchema.equals(schema.id())) {
            c.fail(DATASCHEMA, "must be " + schema.id() + " for this type, or absent");
        }
        RawEvent raw = c.raw;
        if (raw.data() == null) {
            c.violations.add(raw.where().attribute(DATA, "is required for this type and must match " + schema.id()));
        } else {
            for (Violation violation : validator.validate(schema, raw.data())) {
                c.failData(violation);
            }
        }
        return schema.id();
    }

    private static void traceContext(Checks c) {
        Object traceparent = c.raw.attributes().get(TRACEPARENT);
        if (traceparent != null && !(traceparent instanceof String s && TraceParents.isValid(s))) {
            c.fail(TRACEPARENT, "must be a W3C traceparent of version 00");
        }
        Object tracestate = c.raw.attributes().get(TRACESTATE);
        if (tracestate != null && !(tracestate instanceof String s && s.length() <= MAX_TRACESTATE)) {
            c.fail(TRACESTATE, "must be a W3C tracestate of at most " + MAX_TRACESTATE + " characters");
        }
    }

    private static boolean isUriReference(String value) {
        if (value.isEmpty()) {
            return false;
        }
        try {
            new URI(value);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The violations of one event, with where to point them. */
    private static final class Checks {
        private final RawEvent raw;
        private final List<EventViolation> violations;
        private final int before;

        Checks(RawEvent raw, List<EventViolation> violations) {
            this.raw = raw;
            this.violations = violations;
            this.before = violations.size();
        }

        /** A string attribute; null (after recording why) when absent but required, or not a string. */
        String string(String name, boolean required) {
            Object value = raw.attributes().get(name);
            if (value == null) {
                if (required && raw.problems().stream().noneMatch(p -> name.equals(p.attribute()))) {
                    fail(name, "is required");
                }
                return null;
            }
            if (!(value instanceof String text)) {
                fail(name, "must be a string");
                return null;
            }
            if (HeaderValues.hasControlCharacter(text)) {
                fail(name, "must not contain control characters");
                return null;
            }
            return text;
        }

        void fail(String attribute, String detail) {
            violations.add(raw.where().attribute(attribute, detail));
        }

        void failData(Violation violation) {
            if (EventAttributes.DATA_BASE64.equals(raw.dataMember())) {
                // Base64 text has no inner structure to point into: name the place in the decoded JSON.
                fail(DATA_BASE64, "decoded data at '" + violation.pointer() + "' " + violation.message());
            } else {
                violations.add(raw.where().data(raw.dataMember(), violation.pointer(), violation.message()));
            }
        }

        boolean failed() {
            return violations.size() > before;
        }
    }
}
