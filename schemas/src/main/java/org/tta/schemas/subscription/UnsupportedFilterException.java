package org.tta.schemas.subscription;

/**
 * A filter expression uses a dialect this platform does not implement, or is not well formed.
 * The message names the dialect or JSON pointer, never attribute values.
 */
public final class UnsupportedFilterException extends RuntimeException {

    private final String pointer;

    public UnsupportedFilterException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** The JSON pointer of the offending expression inside {@code filters}. */
    public String pointer() {
        return pointer;
    }
}
