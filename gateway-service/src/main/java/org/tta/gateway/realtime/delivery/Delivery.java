package org.tta.gateway.realtime.delivery;

/**
 * One event for a session's live clients, with its position and the {@code event} frame already
 * rendered (once per record, shared by every connection). The frame holds message text: never log it.
 * {@code timestamp}: the delivery record's Kafka timestamp (ms since the epoch).
 */
public record Delivery(String sessionId, Position position, String eventId, String frame, long timestamp) {

    @Override
    public String toString() {
        return "Delivery[sessionId=" + sessionId + ", position=" + position + ", eventId=" + eventId + "]";
    }
}
