package org.tta.system.load;

/** One message the gateway answered 202 for: its event id, its session, whether it was a crisis message. */
public record Acked(String eventId, String sessionId, String clientMessageId, boolean crisis, long ackedAtNanos) {
}
