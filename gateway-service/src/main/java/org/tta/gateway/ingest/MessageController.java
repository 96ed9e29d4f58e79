package org.tta.gateway.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.identity.ClientAddress;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/sessions/{sessionId}/messages}: a participant's message into the session.
 * The steps are {@link MessageIntake}'s, shared with the WebSocket {@code message} frame.
 */
@RestController
class MessageController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final MessageIntake intake;

    MessageController(MessageIntake intake) {
        this.intake = intake;
    }

    @Operation(summary = "Post a participant's message into a session",
            description = "Accepted (202) only after Kafka acknowledged the session event, its safety scan request and its "
                    + "audit record together. Crisis content is accepted and flagged for immediate escalation.")
    @ApiResponse(responseCode = "202", description = "accepted: the event id and its opaque stream position")
    @ApiResponse(responseCode = "409", description = "idempotency-in-progress: the first request with this Idempotency-Key is still running")
    @ApiResponse(responseCode = "415", description = "unsupported-media-type: the body must be application/json")
    @ApiResponse(responseCode = "422", description = "content-policy (never relayed) or idempotency-key-reused (same key, other body)")
    @PostMapping(path = "/api/v1/sessions/{sessionId}/messages",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> post(@PathVariable String sessionId, @RequestBody(required = false) byte[] body,
                        @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                        JwtAuthenticationToken authentication, ServerHttpRequest request) {
        return intake.submit(sessionId, Caller.of(authentication), body, idempotencyKey, ClientAddress.of(request));
    }

}
