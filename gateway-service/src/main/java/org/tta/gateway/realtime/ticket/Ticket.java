package org.tta.gateway.realtime.ticket;

import java.time.Instant;
import java.util.Set;

import org.tta.gateway.identity.Caller;

/**
 * What a stream ticket (WebSocket or SSE) stands for: one caller, one session, until the caller's token expires. Holds
 * no token; stored under a hash of the ticket, never the ticket itself.
 */
public record Ticket(String sessionId, String subject, String role, Set<String> roles, Set<String> scopes,
                     String clientId, Instant tokenExpiresAt) {

    public static Ticket of(String sessionId, Caller caller, Instant tokenExpiresAt) {
        return new Ticket(sessionId, caller.subject(), caller.role(), caller.roles(), caller.scopes(), caller.clientId(),
                tokenExpiresAt);
    }

    public Caller caller() {
        return new Caller(subject, role, roles, scopes, clientId);
    }
}
