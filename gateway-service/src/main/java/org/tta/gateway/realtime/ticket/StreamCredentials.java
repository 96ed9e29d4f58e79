package org.tta.gateway.realtime.ticket;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.identity.Caller;
import reactor.core.publisher.Mono;

/**
 * Who opens a WebSocket or an SSE stream, by the same rule for both: a bearer token Spring Security
 * already verified, else a single-use {@code ticket} (browsers can set no header on a WebSocket or an
 * {@code EventSource}); neither is a 401. Call it after the request's form was checked, so that a
 * malformed request does not use up a ticket.
 */
@Component
public class StreamCredentials {

    /** The caller and until when their credential holds. */
    public record Credential(Caller caller, Instant expiresAt) {
    }

    private final TicketService tickets;

    StreamCredentials(TicketService tickets) {
        this.tickets = tickets;
    }

    public Mono<Credential> resolve(ServerWebExchange exchange, String ticket, String sessionId) {
        return exchange.getPrincipal().map(Optional::<Principal>of).defaultIfEmpty(Optional.empty())
                .flatMap(principal -> {
                    if (principal.orElse(null) instanceof JwtAuthenticationToken token) {
                        return Mono.just(new Credential(Caller.of(token), token.getToken().getExpiresAt()));
                    }
                    if (ticket == null) {
                        return Mono.error(new BadCredentialsException("A ticket or a bearer token is required"));
                    }
                    return tickets.redeem(ticket, sessionId)
                            .map(grant -> new Credential(grant.caller(), grant.tokenExpiresAt()));
                });
    }
}
