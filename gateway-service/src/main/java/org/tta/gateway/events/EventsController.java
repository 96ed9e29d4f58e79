package org.tta.gateway.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.idempotency.IdempotencyGuard;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/events}: services publish CloudEvents into sessions, in binary, structured or
 * batch mode of the CloudEvents HTTP binding. Needs scope {@code events:publish} (SecurityConfig).
 * A service may publish into any session: the scope is the grant, there is no membership check.
 * Steps: read and check every event -> idempotent publish of all events and their audit records
 * as one unit -> 202 with one receipt per event.
 */
@RestController
class EventsController {

    static final String PATH = "/api/v1/events";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    private final CloudEventsRequestParser parser;
    private final ServiceEventIngest ingest;
    private final IdempotencyGuard idempotency;

    EventsController(CloudEventsRequestParser parser, ServiceEventIngest ingest, IdempotencyGuard idempotency) {
        this.parser = parser;
        this.ingest = ingest;
        this.idempotency = idempotency;
    }

    // No "consumes": the mode is chosen from the Content-Type by the parser, which answers 415 itself.
    @Operation(summary = "Publish CloudEvents into sessions (services, scope events:publish)",
            description = "CloudEvents HTTP binding in binary, structured (application/cloudevents+json) and batch "
                    + "(application/cloudevents-batch+json) modes; all events of a request are written atomically.")
    @ApiResponse(responseCode = "202", description = "accepted: one receipt (id, position) per event, in request order")
    @ApiResponse(responseCode = "415", description = "unsupported-media-type: no CloudEvents mode, or non-JSON data")
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<EventsAccepted> publish(@RequestBody(required = false) byte[] body,
                                 @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                 JwtAuthenticationToken authentication, ServerHttpRequest request) {
        Caller caller = Caller.of(authentication);
        HttpHeaders headers = request.getHeaders();
        byte[] bytes = body == null ? new byte[0] : body;
        RequestTrace trace = RequestTrace.fromHeaders(headers.getFirst(TRACEPARENT), headers.getFirst(TRACESTATE));
        String clientIp = ClientAddress.of(request);
        return Mono.fromCallable(() -> parser.parse(headers, bytes))
                .flatMap(parsed -> idempotency.execute(scope(caller), idempotencyKey, fingerprint(headers, bytes),
                        EventsAccepted.class, () -> ingest.publish(parsed, caller, trace, clientIp),
                        ingest.locator(parsed)));
    }

    private static String scope(Caller caller) {
        return (caller.clientId() != null ? caller.clientId() : caller.subject()) + "|" + PATH;
    }

    /** The body and everything that makes it the same events: the Content-Type and the ce-* headers. */
    private static byte[] fingerprint(HttpHeaders headers, byte[] body) {
        Map<String, String> relevant = new TreeMap<>();
        for (Map.Entry<String, java.util.List<String>> header : headers.headerSet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("ce-") || name.equals("content-type")) {
                relevant.merge(name, String.join(",", header.getValue()), (a, b) -> a + "," + b);
            }
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            relevant.forEach((name, value) -> digest.update((name + ":" + value + "\n").getBytes(StandardCharsets.UTF_8)));
            digest.update((byte) 0);
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

}
