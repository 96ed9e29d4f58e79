package org.tta.gateway.consent;

import java.time.Instant;

/**
 * The answer to a consent change.
 *
 * @param sessionId  the session
 * @param subject    the participant whose consent changed (always the caller)
 * @param consent    {@code granted} or {@code revoked}
 * @param auditId    the event id of the audit record that holds the change
 * @param recordedAt when the change was made
 */
public record ConsentReceipt(String sessionId, String subject, String consent, String auditId, Instant recordedAt) {
}
