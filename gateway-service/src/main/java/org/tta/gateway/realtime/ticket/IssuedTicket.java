package org.tta.gateway.realtime.ticket;

import java.time.Instant;

/** The 201 body of {@code POST /api/v1/ws-tickets}. The ticket is a credential: never log it. */
public record IssuedTicket(String ticket, String sessionId, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedTicket[sessionId=" + sessionId + ", expiresAt=" + expiresAt + "]";
    }
}
