package org.tta.gateway.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
import org.tta.gateway.idempotency.IdempotencyGuard;
import org.tta.gateway.precheck.ContentPolicyViolationException;
import org.tta.gateway.precheck.ContentPrecheck;
import org.tta.gateway.precheck.PrecheckVerdict;
import org.tta.gateway.session.SessionAccess;
import org.tta.schemas.payload.MessageSubmission;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/sessions/{sessionId}/messages}: a participant's message into the session.
 * Steps: session id form -> membership -> body schema -> inline pre-check -> idempotent atomic write.
 */
@RestController
class MessageController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    // A key belongs to one caller on one route of one session (the session id cannot hold '|').
    private static final String IDEMPOTENCY_SCOPE = "POST messages|";

    private final MessageIngestService ingest;
    private final SessionAccess sessions;
    private final ContentPrecheck precheck;
    private final IdempotencyGuard idempotency;
    private final PayloadValidator validator = PayloadValidator.standard();

    MessageController(MessageIngestService ingest, SessionAccess sessions, ContentPrecheck precheck,
                      IdempotencyGuard idempotency) {
        this.ingest = ingest;
        this.sessions = sessions;
        this.precheck = precheck;
        this.idempotency = idempotency;
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
        if (!SessionIds.isValid(sessionId)) {
            return Mono.error(new InvalidSessionIdException());
        }
        Caller caller = Caller.of(authentication);
        String clientIp = ClientAddress.of(request);
        byte[] bytes = body == null ? new byte[0] : body;
        return sessions.requireParticipant(sessionId, caller, clientIp)
                .then(Mono.fromCallable(() -> validator.readValid(PayloadSchema.MESSAGE_SUBMISSION, bytes, MessageSubmission.class)))
                .flatMap(submission -> {
                    PrecheckVerdict verdict = precheck.check(submission.text());
                    if (verdict.outcome() == PrecheckVerdict.Outcome.REJECT) {
                        return Mono.error(new ContentPolicyViolationException(verdict.ruleId()));
                    }
                    return idempotency.execute(IDEMPOTENCY_SCOPE + sessionId + "|" + caller.subject(), idempotencyKey, sha256(bytes),
                            Accepted.class, () -> ingest.accept(sessionId, caller, submission, verdict, clientIp));
                });
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

}
