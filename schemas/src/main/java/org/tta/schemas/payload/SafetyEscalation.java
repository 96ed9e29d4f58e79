package org.tta.schemas.payload;

import java.time.Instant;

/**
 * Data of {@code org.tta.safety.escalation.v1}: a detected safety issue
 * ({@code safety-escalation.v1.json}). A placeholder shape that the safety-worker refines.
 *
 * @param scanEventId the CloudEvents id of the scan request that found the issue
 * @param category    the kind of risk, such as {@code suicidal_ideation}
 * @param tier        the severity tier
 */
public record SafetyEscalation(String sessionId, String scanEventId, String category, String tier, Instant detectedAt) {
}
