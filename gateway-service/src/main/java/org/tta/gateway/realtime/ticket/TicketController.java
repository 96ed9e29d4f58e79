package org.tta.gateway.realtime.ticket;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.ingest.InvalidSessionIdException;
import org.tta.gateway.ingest.SessionIds;
import org.tta.gateway.session.SessionAccess;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/ws-tickets}: a single-use ticket for a browser (which can set no header there) to open
 * a session's WebSocket or SSE stream.
 */
@RestController
class TicketController {

    record TicketRequest(String sessionId) {
    }

    private final TicketService tickets;
    private final SessionAccess sessions;

    TicketController(TicketService tickets, SessionAccess sessions) {
        this.tickets = tickets;
        this.sessions = sessions;
    }

    @Operation(summary = "Get a single-use ticket for a session's WebSocket or SSE stream",
            description = "A single-use ticket, valid 30 s, for this caller and this session only, for clients that "
                    + "cannot send an Authorization header (a browser's WebSocket or EventSource): pass it as ?ticket= "
                    + "to GET /ws/v1/sessions/{sessionId} (WebSocket) or to GET /api/v1/sessions/{sessionId}/stream "
                    + "(Server-Sent Events). It is redeemed by the first connection of either kind. "
                    + "The caller must be a participant.")
    @ApiResponse(responseCode = "201", description = "the ticket and when it expires")
    @ApiResponse(responseCode = "403", description = "not-a-participant")
    @PostMapping(path = "/api/v1/ws-tickets", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<IssuedTicket> issue(@RequestBody TicketRequest body, JwtAuthenticationToken authentication,
                             ServerHttpRequest request) {
        String sessionId = body == null ? null : body.sessionId();
        if (!SessionIds.isValid(sessionId)) {
            return Mono.error(new InvalidSessionIdException());
        }
        Caller caller = Caller.of(authentication);
        return sessions.requireParticipant(sessionId, caller, ClientAddress.of(request))
                .then(tickets.issue(sessionId, caller, authentication.getToken().getExpiresAt()));
    }
}
