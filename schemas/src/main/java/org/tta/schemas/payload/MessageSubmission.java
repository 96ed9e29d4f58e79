package org.tta.schemas.payload;

/** The body a client posts to add a message to a session ({@code message-submission.v1.json}). */
public record MessageSubmission(String text) {

    @Override
    public String toString() {
        // text is PHI and must not reach a log line through an accidental toString().
        return "MessageSubmission[text=" + Redaction.of(text) + "]";
    }
}
