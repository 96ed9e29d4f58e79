package org.tta.audit.ingest;

import java.util.Map;
import java.util.regex.Pattern;

import io.cloudevents.CloudEvent;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.RecordKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Safety verdicts and escalation steps in the common shape. Their payloads are the safety-worker's
 * and still change, so only well-known properties are read (each optional except a session) and the
 * whole payload, text removed, is kept: who = the acting clinician when the payload names one
 * ({@code actorId}, {@code acknowledgedBy}, {@code resolvedBy}), else the producing service; severity =
 * {@code tier}; the escalation's {@code state} (else {@code step}) is its outcome and names its action.
 */
final class SafetyMapping {

    private static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    private static final Pattern TOKEN = Pattern.compile("^[a-z][a-z0-9_.-]{0,63}$");

    private SafetyMapping() {
    }

    static AuditEntry verdict(CloudEvent event, ObjectNode payload, String service, String traceId,
            AuditEntry.KafkaOrigin origin) {
        String session = session(event, payload);
        Map<String, String> phi = PhiFields.extract(payload);
        String resourceId = first(payload, "scanEventId", "messageEventId", "verdictId");
        return new AuditEntry(event.getId(), event.getType(), event.getSource().toString(), RecordKind.SAFETY_VERDICT,
                EventDecoder.eventTime(event, payload, "decidedAt", "classifiedAt", "occurredAt"),
                who(payload, service), new AuditEntry.What("safety.verdict", "session.message",
                        resourceId == null ? event.getId() : resourceId, first(payload, "outcome", "decision")),
                new AuditEntry.Where(session, service, null, traceId(payload, traceId)),
                first(payload, "tier", "severity"), category(payload), payload.toString(), phi, origin);
    }

    static AuditEntry escalation(CloudEvent event, ObjectNode payload, String service, String traceId,
            AuditEntry.KafkaOrigin origin) {
        String session = session(event, payload);
        Map<String, String> phi = PhiFields.extract(payload);
        String state = first(payload, "state", "step");
        String action = state != null && TOKEN.matcher(state.toLowerCase(java.util.Locale.ROOT)).matches()
                ? "safety.escalation." + state.toLowerCase(java.util.Locale.ROOT) : "safety.escalation";
        String resourceId = first(payload, "escalationId", "scanEventId");
        return new AuditEntry(event.getId(), event.getType(), event.getSource().toString(),
                RecordKind.SAFETY_ESCALATION,
                EventDecoder.eventTime(event, payload, "occurredAt", "updatedAt", "detectedAt"),
                who(payload, service), new AuditEntry.What(action, "safety.escalation",
                        resourceId == null ? event.getId() : resourceId, state),
                new AuditEntry.Where(session, service, null, traceId(payload, traceId)),
                first(payload, "tier", "severity"), category(payload), payload.toString(), phi, origin);
    }

    private static String session(CloudEvent event, JsonNode payload) {
        String session = EventDecoder.text(payload, "sessionId");
        if (session == null) {
            session = event.getSubject();
        }
        if (session == null) {
            throw new IllegalArgumentException("/sessionId is missing and the event has no subject");
        }
        if (!SESSION_ID.matcher(session).matches()) {
            throw new IllegalArgumentException("/sessionId is not a session id");
        }
        return session;
    }

    private static AuditEntry.Who who(JsonNode payload, String service) {
        String actor = first(payload, "actorId", "acknowledgedBy", "resolvedBy");
        return actor == null ? new AuditEntry.Who(service, "service", null)
                : new AuditEntry.Who(actor, first(payload, "actorRole"), first(payload, "clientId"));
    }

    /** {@code category}, or the first of {@code categories} (strings, or objects with a {@code category}). */
    private static String category(JsonNode payload) {
        String category = EventDecoder.text(payload, "category");
        if (category != null) {
            return category;
        }
        JsonNode categories = payload.get("categories");
        if (categories != null && categories.isArray() && !categories.isEmpty()) {
            JsonNode top = categories.get(0);
            return top.isString() ? top.asString() : EventDecoder.text(top, "category");
        }
        return null;
    }

    private static String traceId(JsonNode payload, String fromHeader) {
        String own = EventDecoder.text(payload, "traceId");
        return own != null ? own : fromHeader;
    }

    /** The first of these properties that is a string or a number, as text. */
    private static String first(JsonNode payload, String... names) {
        for (String name : names) {
            JsonNode value = payload.get(name);
            if (value != null && (value.isString() || value.isNumber())) {
                return value.isString() ? value.asString() : value.asString();
            }
        }
        return null;
    }
}
