package org.tta.gateway.session;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.ingest.InvalidSessionIdException;
import org.tta.gateway.ingest.SessionIds;
import org.tta.schemas.payload.ParticipantsReplacement;
import org.tta.schemas.payload.SessionCreation;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import reactor.core.publisher.Mono;

/**
 * The sessions API: {@code POST /api/v1/sessions}, {@code GET /api/v1/sessions/{id}} and
 * {@code PUT /api/v1/sessions/{id}/participants}. Responses carry the session's version as a strong
 * {@code ETag}, which {@code If-Match} on the PUT may name. Who may do what is decided in
 * {@link SessionService}; the role gate in front of the POST and PUT is the security configuration.
 */
@RestController
class SessionController {

    static final String SESSIONS = "/api/v1/sessions";
    /** A session document is personal data: no cache may keep it. */
    private static final String NO_STORE = "no-store";

    private final SessionService sessions;
    private final PayloadValidator validator = PayloadValidator.standard();

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @Operation(summary = "Create a therapeutic session (therapist, or a service with sessions:write)")
    @ApiResponse(responseCode = "201", description = "created: Location and ETag name the new session")
    @PostMapping(path = SESSIONS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Session>> create(@RequestBody(required = false) byte[] body, JwtAuthenticationToken authentication,
                                         ServerHttpRequest request) {
        return Mono.fromCallable(() -> validator.readValid(PayloadSchema.SESSION_CREATION, orEmpty(body), SessionCreation.class))
                .flatMap(creation -> sessions.create(Caller.of(authentication), creation.title(), creation.participants(),
                        ClientAddress.of(request)))
                .map(session -> ResponseEntity.created(URI.create(SESSIONS + "/" + session.id()))
                        .eTag(session.entityTag())
                        .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                        .body(session));
    }

    @Operation(summary = "Read a session (its participants, admins, services with sessions:write)")
    @ApiResponse(responseCode = "200", description = "the session, with ETag")
    @ApiResponse(responseCode = "404", description = "not-found: told only to admins and services with sessions:write")
    @GetMapping(path = SESSIONS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Session>> get(@PathVariable String id, JwtAuthenticationToken authentication,
                                      ServerHttpRequest request) {
        return requireValidId(id)
                .then(Mono.defer(() -> sessions.get(Caller.of(authentication), id, ClientAddress.of(request))))
                .map(SessionController::ok);
    }

    @Operation(summary = "Replace a session's participants (a therapist of the session, or a service with sessions:write)")
    @ApiResponse(responseCode = "200", description = "the changed session, with its new ETag")
    @ApiResponse(responseCode = "409", description = "concurrent-modification: kept losing to concurrent changes; use If-Match")
    @ApiResponse(responseCode = "412", description = "precondition-failed: If-Match does not name the current version")
    @PutMapping(path = SESSIONS + "/{id}/participants", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Session>> replaceParticipants(@PathVariable String id, @RequestBody(required = false) byte[] body,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      JwtAuthenticationToken authentication, ServerHttpRequest request) {
        return requireValidId(id)
                .then(Mono.fromCallable(() -> validator.readValid(PayloadSchema.PARTICIPANTS_REPLACEMENT, orEmpty(body),
                        ParticipantsReplacement.class)))
                .flatMap(replacement -> sessions.replaceParticipants(Caller.of(authentication), id,
                        replacement.participants(), ifMatch, ClientAddress.of(request)))
                .map(SessionController::ok);
    }

    private static ResponseEntity<Session> ok(Session session) {
        return ResponseEntity.ok().eTag(session.entityTag()).header(HttpHeaders.CACHE_CONTROL, NO_STORE).body(session);
    }

    private static Mono<Void> requireValidId(String id) {
        return SessionIds.isValid(id) ? Mono.empty() : Mono.error(new InvalidSessionIdException());
    }

    private static byte[] orEmpty(byte[] body) {
        return body == null ? new byte[0] : body;
    }
}
