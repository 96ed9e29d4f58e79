package org.tta.schemas.payload;

/**
 * Data of {@code org.tta.safety.scan.v1}: a request to classify one session message
 * ({@code safety-scan-request.v1.json}). {@code text} is PHI: never log it.
 *
 * @param messageEventId the CloudEvents id of the session message being scanned
 */
public record SafetyScanRequest(String sessionId, String messageEventId, String authorId, String authorRole, String text) {

    @Override
    public String toString() {
        // text is PHI and must not reach a log line through an accidental toString().
        return "SafetyScanRequest[sessionId=" + sessionId + ", messageEventId=" + messageEventId + ", authorId="
                + authorId + ", authorRole=" + authorRole + ", text=" + Redaction.of(text) + "]";
    }
}
