package org.tta.gateway.consent;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.ingest.InvalidSessionIdException;
import org.tta.gateway.ingest.SessionIds;
import org.tta.schemas.payload.ConsentChange;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /api/v1/sessions/{id}/consent}: a participant grants or revokes, for themself, their consent to the
 * recording and clinical review of a session. The change is kept only in the audit trail; the answer is 202 once
 * the audit topic acknowledged it. Who may call is the security configuration (participant roles) and
 * {@link ConsentService} (members of the session, never on someone else's behalf).
 */
@RestController
class ConsentController {

    static final String CONSENT = "/api/v1/sessions/{id}/consent";

    private final ConsentService consents;
    private final PayloadValidator validator = PayloadValidator.standard();

    ConsentController(ConsentService consents) {
        this.consents = consents;
    }

    @Operation(summary = "Grant or revoke your own consent to the recording and clinical review of a session")
    @ApiResponse(responseCode = "202", description = "recorded on the audit topic")
    @ApiResponse(responseCode = "400", description = "validation-failed: the body is not {\"consent\":\"granted\"|\"revoked\"}")
    @ApiResponse(responseCode = "403", description = "forbidden: not a participant of the session")
    @PutMapping(path = CONSENT, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ConsentReceipt>> change(@PathVariable String id, @RequestBody(required = false) byte[] body,
                                                JwtAuthenticationToken authentication, ServerHttpRequest request) {
        return requireValidId(id)
                .then(Mono.fromCallable(() -> validator.readValid(PayloadSchema.CONSENT_CHANGE,
                        body == null ? new byte[0] : body, ConsentChange.class)))
                .flatMap(change -> consents.change(Caller.of(authentication), id, change, ClientAddress.of(request)))
                .map(receipt -> ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(receipt));
    }

    private static Mono<Void> requireValidId(String id) {
        return SessionIds.isValid(id) ? Mono.empty() : Mono.error(new InvalidSessionIdException());
    }
}
