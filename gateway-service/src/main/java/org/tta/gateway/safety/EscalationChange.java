package org.tta.gateway.safety;

import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an escalation event means for the session's traffic: its escalation is open (opened, updated,
 * re-escalated, acknowledged) or closed (resolved). Reads only {@code sessionId}, {@code state} and
 * {@code step}, so that the rest of the payload can grow freely.
 */
record EscalationChange(String sessionId, boolean open) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> OPEN = Set.of("open", "opened", "updated", "re-escalated", "acknowledged");
    private static final Set<String> CLOSED = Set.of("resolved", "closed");

    /** The change an event's data stands for; empty when the data says neither (an unknown state, no session). */
    static Optional<EscalationChange> of(String recordKey, byte[] data) {
        if (data == null) {
            return Optional.empty();
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(data);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        if (payload == null || !payload.isObject()) {
            return Optional.empty();
        }
        String sessionId = text(payload, "sessionId");
        if (sessionId == null) {
            sessionId = recordKey;
        }
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        String state = text(payload, "state");
        String word = state != null ? state : text(payload, "step");
        if (word == null) {
            return Optional.empty();
        }
        if (OPEN.contains(word)) {
            return Optional.of(new EscalationChange(sessionId, true));
        }
        if (CLOSED.contains(word)) {
            return Optional.of(new EscalationChange(sessionId, false));
        }
        return Optional.empty();
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
