package org.tta.schemas.payload;

/**
 * Data of {@code org.tta.safety.scan.v1}: a request to classify one session message
 * ({@code safety-scan-request.v1.json}). {@code text} is PHI: never log it.
 *
 * @param messageEventId the CloudEvents id of the session message being scanned
 * @param priority       {@link #NORMAL}, or {@link #IMMEDIATE} when the gateway's inline pre-check saw
 *                       crisis content and the scan must be escalated at once; the scan record carries
 *                       the same value in the CloudEvents extension {@link #PRIORITY_EXTENSION}
 * @param precheckRule   the id of the pre-check policy rule that matched, or null when none did
 */
public record SafetyScanRequest(String sessionId, String messageEventId, String authorId, String authorRole, String text,
        String priority, String precheckRule) {

    public static final String NORMAL = "normal";
    public static final String IMMEDIATE = "immediate";
    /** The CloudEvents extension attribute ({@code ce_ttapriority} in Kafka headers) that repeats {@code priority}. */
    public static final String PRIORITY_EXTENSION = "ttapriority";

    public SafetyScanRequest {
        // A record written before the field existed reads as normal priority.
        if (priority == null) {
            priority = NORMAL;
        }
    }

    /** A scan of normal priority that no pre-check rule matched. */
    public SafetyScanRequest(String sessionId, String messageEventId, String authorId, String authorRole, String text) {
        this(sessionId, messageEventId, authorId, authorRole, text, NORMAL, null);
    }

    public boolean immediate() {
        return IMMEDIATE.equals(priority);
    }

    @Override
    public String toString() {
        // text is PHI and must not reach a log line through an accidental toString().
        return "SafetyScanRequest[sessionId=" + sessionId + ", messageEventId=" + messageEventId + ", authorId="
                + authorId + ", authorRole=" + authorRole + ", text=" + Redaction.of(text) + ", priority=" + priority
                + ", precheckRule=" + precheckRule + "]";
    }
}
