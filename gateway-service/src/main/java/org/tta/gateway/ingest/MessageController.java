package org.tta.gateway.ingest;

import java.net.InetSocketAddress;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tta.schemas.payload.MessageSubmission;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import reactor.core.publisher.Mono;

/** {@code POST /api/v1/sessions/{sessionId}/messages}: a participant's message into the session. */
@RestController
class MessageController {

    private final MessageIngestService ingest;
    private final PayloadValidator validator = PayloadValidator.standard();

    MessageController(MessageIngestService ingest) {
        this.ingest = ingest;
    }

    @PostMapping(path = "/api/v1/sessions/{sessionId}/messages",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> post(@PathVariable String sessionId, @RequestBody(required = false) byte[] body,
                        JwtAuthenticationToken authentication, ServerHttpRequest request) {
        if (!SessionIds.isValid(sessionId)) {
            return Mono.error(new InvalidSessionIdException());
        }
        MessageSubmission submission = validator.readValid(PayloadSchema.MESSAGE_SUBMISSION,
                body == null ? new byte[0] : body, MessageSubmission.class);
        return ingest.accept(sessionId, Caller.of(authentication), submission, clientIp(request));
    }

    private static String clientIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
