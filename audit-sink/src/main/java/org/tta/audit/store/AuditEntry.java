package org.tta.audit.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event in the common shape, as the ingest hands it to the store (before encryption and
 * chaining). {@code toString} never prints the payload or the message text.
 *
 * @param eventId      the CloudEvent id; the store keeps one row per id
 * @param eventType    the CloudEvent type
 * @param eventSource  the CloudEvent source
 * @param kind         what sort of event
 * @param eventTime    when it happened; the store truncates it to microseconds (PostgreSQL's precision)
 * @param who          the actor
 * @param what         the action
 * @param where        session, service, address, trace
 * @param severity     the tier of a verdict or escalation, else {@code null}
 * @param category     the safety category of a verdict or escalation, else {@code null}
 * @param payloadJson  the event data as a JSON object, with the message text removed
 * @param phi          the text removed from the payload, by JSON pointer (empty when none); PHI, encrypted by the store
 * @param origin       where in Kafka it was read, or {@code null} for the sink's own events
 */
public record AuditEntry(String eventId, String eventType, String eventSource, RecordKind kind, Instant eventTime,
        Who who, What what, Where where, String severity, String category, String payloadJson,
        Map<String, String> phi, KafkaOrigin origin) {

    public AuditEntry {
        phi = phi == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phi));
    }

    /** Who acted: subject, role and OAuth client, each may be {@code null}. */
    public record Who(String subjectId, String subjectRole, String clientId) {
    }

    /** What happened: the action (required), the resource and the outcome. */
    public record What(String action, String resourceType, String resourceId, String outcome) {
    }

    /** Where: the session ({@code null} if none), the producing service, the caller's address, the trace id. */
    public record Where(String sessionId, String sourceService, String clientIp, String traceId) {
    }

    /** Topic, partition and offset of the Kafka record an entry was read from. */
    public record KafkaOrigin(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /**
     * The chain this entry extends: its session's; for an event about no session, its subject's; for
     * an event with neither, the global chain.
     */
    public String chainId() {
        if (where.sessionId() != null) {
            return "session:" + where.sessionId();
        }
        return who.subjectId() != null ? "subject:" + who.subjectId() : "global";
    }

    @Override
    public String toString() {
        return "AuditEntry[eventId=" + eventId + ", kind=" + kind + ", action=" + what.action() + ", chain="
                + chainId() + ", origin=" + origin + ", payload=<redacted>, phi=" + phi.keySet() + "]";
    }
}
