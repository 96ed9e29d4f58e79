package org.tta.audit.review;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One audit record as reviewers see it, in pages, timelines and exports.
 *
 * @param id           the event id
 * @param seq          the stored sequence number; with {@code eventTime}, the sort key
 * @param lane         where the record belongs on a timeline: {@code message}, {@code verdict}, {@code escalation},
 *                     {@code access}, {@code consent}, {@code session}, {@code security} or {@code other}
 * @param payload      the event data as JSON with its message text removed (metadata)
 * @param contentState {@code none} (the event had no text), {@code shown}, {@code withheld} (the caller may not
 *                     read it) or {@code unreadable} (it could not be decrypted)
 * @param content      the decrypted message text when {@code contentState} is {@code shown}, else {@code null}
 */
public record ReviewRecord(String id, long seq, String kind, String lane, String eventType, String eventSource,
        Instant eventTime, Instant storedAt, String subjectId, String subjectRole, String clientId, String action,
        String resourceType, String resourceId, String outcome, String sessionId, String sourceService,
        String clientIp, String traceId, String severity, String category, @JsonRawValue String payload,
        String contentState, String content) {

    /** The columns of a CSV export, in order; {@link #cells()} gives the values in the same order. */
    public static final String[] COLUMNS = {"id", "seq", "kind", "lane", "eventType", "eventSource", "eventTime",
            "storedAt", "subjectId", "subjectRole", "clientId", "action", "resourceType", "resourceId", "outcome",
            "sessionId", "sourceService", "clientIp", "traceId", "severity", "category", "payload", "contentState",
            "content"};

    Position position() {
        return new Position(eventTime, seq);
    }

    Object[] cells() {
        return new Object[] {id, seq, kind, lane, eventType, eventSource, eventTime, storedAt, subjectId, subjectRole,
                clientId, action, resourceType, resourceId, outcome, sessionId, sourceService, clientIp, traceId,
                severity, category, payload, contentState, content};
    }

    @Override
    public String toString() {
        return "ReviewRecord[id=" + id + ", seq=" + seq + ", action=" + action + ", contentState=" + contentState
                + ", content=" + (content == null ? "null" : "<redacted>") + "]";
    }
}
