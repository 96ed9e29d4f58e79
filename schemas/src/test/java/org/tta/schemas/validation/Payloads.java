package org.tta.schemas.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Valid payload documents as mutable maps, so that a test can break exactly one thing. */
final class Payloads {

    static final String SECRET = "PHI-SECRET-7f3a9c";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {
    }

    static Map<String, Object> aSubmission() {
        return map("text", "I had a rough day at school.");
    }

    static Map<String, Object> aSessionMessage() {
        return map("sessionId", "sess-01J9Z", "authorId", "user-123", "authorRole", "patient",
                "text", "I had a rough day at school.");
    }

    static Map<String, Object> aScanRequest() {
        return map("sessionId", "sess-01J9Z", "messageEventId", "0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3b",
                "authorId", "user-123", "authorRole", "patient", "text", "I had a rough day at school.",
                "priority", "normal");
    }

    static Map<String, Object> anEscalation() {
        return with(map("escalationId", "0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3d", "sessionId", "sess-01J9Z", "step", "opened",
                "state", "open", "tier", "high", "category", "self_harm",
                "deadline", "2025-06-01T10:25:30.123Z", "scanEventId", "0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3c",
                "occurredAt", "2025-06-01T10:15:30.123Z"), "onCallLevel", 0);
    }

    static Map<String, Object> anAuditRecord() {
        Map<String, Object> map = map("action", "session.message.posted", "outcome", "success",
                "actorId", "user-123", "actorRole", "patient", "sessionId", "sess-01J9Z",
                "resourceType", "session.message", "resourceId", "0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3b",
                "sourceService", "gateway-service", "occurredAt", "2025-06-01T10:15:30Z");
        map.put("clientIp", "203.0.113.7");
        map.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        map.put("content", "I had a rough day at school.");
        return map;
    }

    static Map<String, Object> aSessionCreation() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("title", "Tuesday check-in");
        map.put("participants", participants(participant("alice", "patient"), participant("theo", "therapist")));
        return map;
    }

    static Map<String, Object> aParticipantsReplacement() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("participants", participants(participant("alice", "patient")));
        return map;
    }

    static Map<String, Object> participant(String subject, String role) {
        return map("subject", subject, "role", role);
    }

    @SafeVarargs
    static List<Object> participants(Map<String, Object>... entries) {
        return new ArrayList<>(List.of(entries));
    }

    static Map<String, Object> with(Map<String, Object> document, String key, Object value) {
        document.put(key, value);
        return document;
    }

    static Map<String, Object> without(Map<String, Object> document, String key) {
        document.remove(key);
        return document;
    }

    static byte[] bytes(Object document) {
        return JSON.writeValueAsBytes(document);
    }

    private static Map<String, Object> map(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
