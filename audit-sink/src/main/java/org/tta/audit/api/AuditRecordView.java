package org.tta.audit.api;

import java.time.Instant;

import org.tta.audit.store.StoredAuditRecord;

/**
 * One audit record as the API shows it.
 *
 * @param id      the event id
 * @param seq     the position in stored order; pass the last one seen as {@code after} to read on
 * @param content the message text, or {@code null} when there is none or the caller may not see it
 */
record AuditRecordView(String id, long seq, String sessionId, String action, String outcome, String actorId,
        String actorRole, String resourceType, String resourceId, String sourceService, Instant occurredAt,
        Instant storedAt, String traceId, String content) {

    static AuditRecordView of(StoredAuditRecord r, String content) {
        return new AuditRecordView(r.eventId(), r.seq(), r.sessionId(), r.action(), r.outcome(), r.subjectId(),
                r.subjectRole(), r.resourceType(), r.resourceId(), r.sourceService(), r.eventTime(), r.storedAt(),
                r.traceId(), content);
    }

    @Override
    public String toString() {
        return "AuditRecordView[id=" + id + ", seq=" + seq + ", content=" + (content == null ? "null" : "<redacted>")
                + "]";
    }
}
