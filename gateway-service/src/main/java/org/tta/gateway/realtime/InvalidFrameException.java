package org.tta.gateway.realtime;

/** A WebSocket frame that is JSON but not a valid frame: answered by an {@code error} frame (validation-failed). */
public final class InvalidFrameException extends RuntimeException {

    private final String pointer;

    public InvalidFrameException(String pointer, String detail) {
        super(detail);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
