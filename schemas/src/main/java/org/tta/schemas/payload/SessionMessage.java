package org.tta.schemas.payload;

/**
 * Data of {@code org.tta.session.message.v1}: a participant's message in a session
 * ({@code session-message.v1.json}). {@code text} is PHI: never log it.
 */
public record SessionMessage(String sessionId, String authorId, String authorRole, String text) {

    @Override
    public String toString() {
        // text is PHI and must not reach a log line through an accidental toString().
        return "SessionMessage[sessionId=" + sessionId + ", authorId=" + authorId + ", authorRole=" + authorRole
                + ", text=" + Redaction.of(text) + "]";
    }
}
