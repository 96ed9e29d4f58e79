package org.tta.audit.store;

import java.time.Instant;

/**
 * One row of the audit trail as it is read back: the common shape of every stored event (audit
 * record, safety verdict, escalation step, the sink's own events). The message text is not here in
 * clear: {@link #content()} is its ciphertext, which only {@code ContentDecryptor} opens, in the
 * reviewer read path. {@code toString} never prints the payload or the ciphertext.
 *
 * @param seq           position in the stored order of the whole trail (ascending, gaps possible); a stable tie-breaker
 * @param eventId       the CloudEvent id; unique in the trail
 * @param eventType     the CloudEvent type, such as {@code org.tta.audit.record.v1}
 * @param eventSource   the CloudEvent source
 * @param kind          what sort of event, one of {@link RecordKind}'s values
 * @param eventTime     when it happened (the partition key)
 * @param storedAt      when the sink stored it
 * @param subjectId     who: the actor (token subject, or the service for service events); may be {@code null}
 * @param subjectRole   the actor's role; may be {@code null}
 * @param clientId      the OAuth client the actor used; may be {@code null}
 * @param action        what: such as {@code session.message.posted}, {@code safety.verdict}, {@code safety.escalation.raised}
 * @param resourceType  the kind of thing acted on; may be {@code null}
 * @param resourceId    its id; may be {@code null}
 * @param outcome       how it ended (audit records), or the escalation state; may be {@code null}
 * @param sessionId     where: the session; {@code null} for events about no session
 * @param sourceService the service that produced the event
 * @param clientIp      the caller's address; may be {@code null}
 * @param traceId       the W3C trace id; may be {@code null}
 * @param severity      the tier of safety verdicts and escalations; {@code null} for other events
 * @param category      the safety category of verdicts and escalations; {@code null} for other events
 * @param payloadJson   the event data as JSON (PostgreSQL's jsonb text), message text removed
 * @param content       the encrypted message text, or {@code null} when the event had none
 * @param chain         the row's link in its hash chain
 */
public record StoredAuditRecord(long seq, String eventId, String eventType, String eventSource, String kind,
        Instant eventTime, Instant storedAt, String subjectId, String subjectRole, String clientId, String action,
        String resourceType, String resourceId, String outcome, String sessionId, String sourceService,
        String clientIp, String traceId, String severity, String category, String payloadJson,
        EncryptedContent content, ChainLink chain) {

    /** Whether the event carried message text (readable by clinical reviewers only). */
    public boolean hasContent() {
        return content != null;
    }

    @Override
    public String toString() {
        return "StoredAuditRecord[seq=" + seq + ", eventId=" + eventId + ", kind=" + kind + ", action=" + action
                + ", sessionId=" + sessionId + ", eventTime=" + eventTime + ", chain=" + chain
                + ", payload=<redacted>, content=" + (content == null ? "null" : "<encrypted>") + "]";
    }
}
