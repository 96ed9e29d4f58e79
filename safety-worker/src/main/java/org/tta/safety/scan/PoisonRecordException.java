package org.tta.safety.scan;

/**
 * A record that can never be processed (not a CloudEvent, wrong type, payload breaking its schema). The reason is
 * a stable code for the dead-letter headers; the message never quotes the record's data.
 */
public final class PoisonRecordException extends RuntimeException {

    private final String reason;

    public PoisonRecordException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable lower-case code such as {@code invalid_payload}. */
    public String reason() {
        return reason;
    }
}
