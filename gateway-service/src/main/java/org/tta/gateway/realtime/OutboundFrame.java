package org.tta.gateway.realtime;

/**
 * A rendered server frame: its {@code type}, the position for {@code event} frames (the SSE {@code id:}),
 * and the JSON text. May hold message text: never log {@code json}.
 */
public record OutboundFrame(String type, String position, String json) {

    @Override
    public String toString() {
        return "OutboundFrame[type=" + type + ", position=" + position + "]";
    }
}
