package org.tta.schemas.payload;

/**
 * The body of {@code PUT /api/v1/sessions/{id}/consent} ({@code consent-change.v1.json}): a participant's
 * consent to the recording and clinical review of a session, granted or revoked.
 *
 * @param consent {@link #GRANTED} (recorded as {@link AuditActions#CONSENT_GRANTED}) or {@link #REVOKED}
 *                ({@link AuditActions#CONSENT_REVOKED})
 */
public record ConsentChange(String consent) {

    public static final String GRANTED = "granted";
    public static final String REVOKED = "revoked";
}
