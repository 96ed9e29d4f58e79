package org.tta.audit.store;

import java.time.Instant;

/**
 * One row of the audit trail as it is read back.
 *
 * @param seq     the position in stored order, ascending
 * @param content the message text, or {@code null} when there is none or the reader may not see it
 */
public record StoredAuditRecord(String eventId, long seq, String sessionId, String action, String outcome,
        String actorId, String actorRole, String resourceType, String resourceId, String sourceService,
        Instant occurredAt, Instant storedAt, String traceId, String content) {

    @Override
    public String toString() {
        return "StoredAuditRecord[eventId=" + eventId + ", seq=" + seq + ", sessionId=" + sessionId
                + ", action=" + action + ", content=" + (content == null ? "null" : "<redacted>") + "]";
    }
}
