package org.tta.gateway.realtime.sse;

import java.time.Duration;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.problem.Problems;
import org.tta.gateway.realtime.Connection;
import org.tta.gateway.realtime.Frames;
import org.tta.gateway.realtime.Heartbeats;
import org.tta.gateway.realtime.OutboundFrame;
import org.tta.gateway.realtime.Presence;
import org.tta.gateway.realtime.RealtimeMetrics;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.realtime.StreamAdmission;
import org.tta.gateway.realtime.StreamGrant;
import org.tta.gateway.realtime.WriteStallGuard;
import org.tta.gateway.realtime.delivery.DeliveryHistory;
import org.tta.gateway.realtime.delivery.InvalidPositionException;
import org.tta.gateway.realtime.delivery.ResumeUnavailableException;
import org.tta.gateway.realtime.ticket.StreamCredentials;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /api/v1/sessions/{sessionId}/stream}: the session's events as Server-Sent Events. Each
 * frame is an SSE event named by the frame type whose data is the same JSON as on the WebSocket; an
 * {@code event} carries {@code id:} = its position, so a reconnecting {@code EventSource} resumes with
 * {@code Last-Event-ID}. Heartbeats are comment lines. Ends at the token's expiry (reconnect with a
 * fresh token), at shutdown, when the bounded buffer overflows and when a write stalls for
 * {@code write-stall-timeout} (a client that stopped reading: its TCP connection is dropped).
 */
@RestController
class SessionStreamController {

    static final String TRANSPORT = "sse";

    private final StreamAdmission admission;
    private final SessionHub hub;
    private final DeliveryHistory history;
    private final Presence presence;
    private final RealtimeProperties properties;
    private final RealtimeMetrics metrics;
    private final StreamCredentials credentials;

    SessionStreamController(StreamAdmission admission, SessionHub hub, DeliveryHistory history, Presence presence,
                            RealtimeProperties properties, RealtimeMetrics metrics, StreamCredentials credentials) {
        this.credentials = credentials;
        this.admission = admission;
        this.hub = hub;
        this.history = history;
        this.presence = presence;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Operation(summary = "Stream a session's events (Server-Sent Events)",
            description = "id: is the event's position; resume with Last-Event-ID (or ?since=). Same frames as the WebSocket. "
                    + "Credential: Authorization: Bearer, or (EventSource can set no header) ?ticket= from POST /api/v1/ws-tickets.")
    @ApiResponse(responseCode = "200", description = "the event stream")
    @ApiResponse(responseCode = "400", description = "validation-failed: malformed session id or position")
    @ApiResponse(responseCode = "401", description = "unauthenticated: no valid bearer token or ticket")
    @ApiResponse(responseCode = "403", description = "not-a-participant")
    @ApiResponse(responseCode = "429", description = "rate-limited: too many open connections")
    @GetMapping(path = "/api/v1/sessions/{sessionId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(@PathVariable String sessionId,
                                         @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                         @RequestParam(name = "since", required = false) String since,
                                         @RequestParam(name = "ticket", required = false) String ticket,
                                         ServerWebExchange exchange) {
        String resumeFrom = lastEventId != null && !lastEventId.isEmpty() ? lastEventId : since;
        String clientIp = ClientAddress.of(exchange.getRequest());
        return admission.checkForm(sessionId, resumeFrom).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(position -> credentials.resolve(exchange, ticket, sessionId)
                        .flatMap(credential -> admission.admit(sessionId, credential.caller(), credential.expiresAt(),
                                position.orElse(null), clientIp)))
                .flatMapMany(grant -> open(grant, exchange));
    }

    private Flux<ServerSentEvent<String>> open(StreamGrant grant, ServerWebExchange exchange) {
        Connection connection = new Connection(grant.sessionId(), grant.caller().subject(), grant.caller().role(), TRANSPORT,
                properties.outboundBuffer(), grant.since() != null, overflowed -> {
                    metrics.bufferDrop(TRANSPORT);
                    overflowed.complete();
                });
        hub.add(connection);
        WriteStallGuard.install(exchange.getRequest(), properties.writeStallTimeout(), () -> {
            metrics.writeStalled(TRANSPORT);
            if (!connection.isOverflowed()) {
                metrics.bufferDrop(TRANSPORT); // a slow consumer, counted once whether its buffer filled first or not
            }
        });
        if (grant.since() != null) {
            history.after(grant.sessionId(), grant.since()).subscribe(
                    events -> connection.replayed(events, grant.since().offset()),
                    error -> {
                        if (error instanceof ResumeUnavailableException) {
                            connection.send(Frames.resumeUnavailable(grant.since().toString()));
                        } else if (error instanceof InvalidPositionException) {
                            connection.send(Frames.error(null, Problems.of(error)));
                        }
                        connection.complete();
                    });
        }
        presence.joined(connection);
        Duration untilExpiry = Duration.between(java.time.Instant.now(), grant.tokenExpiresAt());
        Sinks.Empty<Void> done = Sinks.empty();
        Flux<ServerSentEvent<String>> events = connection.frames()
                .map(frame -> {
                    metrics.sent(TRANSPORT);
                    return toEvent(frame);
                })
                .doFinally(signal -> done.tryEmitEmpty());
        return Heartbeats.interleave(events, properties.heartbeat(), () -> ServerSentEvent.<String>builder().comment("heartbeat").build(),
                        done.asMono())
                .take(untilExpiry.isNegative() ? Duration.ZERO : untilExpiry)
                .doFinally(signal -> {
                    if (hub.remove(connection)) {
                        admission.release(grant);
                        presence.left(connection);
                    }
                });
    }

    private static ServerSentEvent<String> toEvent(OutboundFrame frame) {
        ServerSentEvent.Builder<String> event = ServerSentEvent.<String>builder(frame.json()).event(frame.type());
        if (frame.position() != null) {
            event.id(frame.position());
        }
        return event.build();
    }
}
