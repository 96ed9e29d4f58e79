package org.tta.schemas.payload;

import java.time.Instant;

/**
 * Data of {@code org.tta.audit.record.v1}: one auditable action ({@code audit-record.v1.json}).
 *
 * @param action        what happened, one of {@link AuditActions}
 * @param outcome       how it ended, one of {@link AuditOutcomes}
 * @param actorId       who did it (the token subject)
 * @param actorRole     the actor's role
 * @param sessionId     the session concerned
 * @param resourceType  the kind of thing acted on, such as {@code session.message}
 * @param resourceId    its id, such as the event id
 * @param sourceService the service that wrote the record
 * @param occurredAt    when it happened
 * @param clientIp      the caller's address; {@code null} when not known
 * @param traceId       the W3C trace id; {@code null} when not traced
 * @param content       the message text; {@code null} when none. PHI: stored, never logged
 */
public record AuditRecord(String action, String outcome, String actorId, String actorRole, String sessionId,
        String resourceType, String resourceId, String sourceService, Instant occurredAt, String clientIp,
        String traceId, String content) {

    @Override
    public String toString() {
        // content is PHI and must not reach a log line through an accidental toString().
        return "AuditRecord[action=" + action + ", outcome=" + outcome + ", actorId=" + actorId + ", actorRole="
                + actorRole + ", sessionId=" + sessionId + ", resourceType=" + resourceType + ", resourceId="
                + resourceId + ", sourceService=" + sourceService + ", occurredAt=" + occurredAt + ", clientIp="
                + clientIp + ", traceId=" + traceId + ", content=" + Redaction.of(content) + "]";
    }
}
