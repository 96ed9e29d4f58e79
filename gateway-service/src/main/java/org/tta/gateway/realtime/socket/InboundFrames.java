package org.tta.gateway.realtime.socket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.ingest.MessageIntake;
import org.tta.gateway.problem.Problems;
import org.tta.gateway.realtime.CloseCodes;
import org.tta.gateway.realtime.Frames;
import org.tta.gateway.realtime.InvalidFrameException;
import org.tta.gateway.realtime.socket.SessionSocketHandler.SocketContext;
import org.tta.platform.security.ClaimAuthoritiesConverter;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.validation.MalformedJsonException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's frames: {@code message} (the REST ingest's steps, answered by {@code ack} or
 * {@code error}), {@code ping} ({@code pong}), {@code auth} (token renewal). A binary frame closes with
 * 1003, a flood with 4429; a malformed or unknown frame gets an {@code error} frame and the connection
 * carries on.
 */
final class InboundFrames {

    private static final JsonMapper JSON = TtaJson.mapper();
    private static final int MAX_ID = 255;

    private final MessageIntake intake;
    private final ReactiveJwtDecoder jwts;
    private final ClaimAuthoritiesConverter authorities;

    InboundFrames(MessageIntake intake, ReactiveJwtDecoder jwts, ClaimAuthoritiesConverter authorities) {
        this.intake = intake;
        this.jwts = jwts;
        this.authorities = authorities;
    }

    /** The checks on every frame as it arrives: type and rate. False drops the frame (and closed the socket). */
    boolean admit(SocketContext context, WebSocketMessage message) {
        if (context.isClosing()) {
            return false;
        }
        switch (message.getType()) {
            case PING, PONG -> {
                return false; // liveness only: it already reset the idle timeout
            }
            case BINARY -> {
                context.close(CloseCodes.UNSUPPORTED_DATA, "text frames only");
                return false;
            }
            default -> {
                if (!context.rate.tryAcquire()) {
                    context.close(CloseCodes.TOO_MANY_FRAMES, "too many frames");
                    return false;
                }
                return true;
            }
        }
    }

    Mono<Void> handle(SocketContext context, WebSocketMessage message) {
        JsonNode frame;
        try {
            frame = JSON.readTree(message.getPayloadAsText(StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            return answer(context, null, new MalformedJsonException("A frame must be one JSON object"));
        }
        if (frame == null || !frame.isObject()) {
            return answer(context, null, new MalformedJsonException("A frame must be one JSON object"));
        }
        JsonNode idNode = frame.get("id");
        if (idNode != null && (!idNode.isString() || idNode.asString().isEmpty() || idNode.asString().length() > MAX_ID)) {
            return answer(context, null, invalid("/id", "must be a string of 1 to 255 characters"));
        }
        String id = idNode == null ? null : idNode.asString();
        String type = frame.path("type").isString() ? frame.path("type").asString() : "";
        return switch (type) {
            case "ping" -> {
                context.connection.send(Frames.pong(id));
                yield Mono.empty();
            }
            case "message" -> message(context, id, frame.get("data"));
            case "auth" -> renew(context, frame.path("token"));
            default -> answer(context, id, invalid("/type", "must be one of message, ping, auth"));
        };
    }

    private Mono<Void> message(SocketContext context, String id, JsonNode data) {
        byte[] body = data == null ? new byte[0] : JSON.writeValueAsBytes(data);
        context.inFlight.incrementAndGet();
        return intake.submit(context.grant.sessionId(), context.grant.caller(), body, id, context.grant.clientIp())
                .doOnNext(accepted -> context.connection.send(Frames.ack(id, accepted)))
                .then()
                .onErrorResume(error -> answer(context, id, error))
                .doFinally(signal -> context.inFlight.decrementAndGet());
    }

    private Mono<Void> renew(SocketContext context, JsonNode token) {
        if (!token.isString() || token.asString().isEmpty()) {
            return answer(context, null, invalid("/token", "must be a bearer token"));
        }
        return jwts.decode(token.asString())
                .flatMap(jwt -> {
                    Caller caller = Caller.of(new JwtAuthenticationToken(jwt, authorities.convert(jwt)));
                    if (!caller.subject().equals(context.grant.caller().subject()) || jwt.getExpiresAt() == null) {
                        return Mono.error(new BadCredentialsException("The token is for another subject"));
                    }
                    Instant expiresAt = jwt.getExpiresAt();
                    context.onRenewal.accept(expiresAt);
                    context.connection.send(Frames.authenticated(expiresAt));
                    return Mono.<Void>empty();
                })
                .onErrorResume(error -> answer(context, null, error instanceof BadCredentialsException ? error
                        : new BadCredentialsException("The token is not valid", error)));
    }

    private static InvalidFrameException invalid(String pointer, String detail) {
        return new InvalidFrameException(pointer, detail);
    }

    private static Mono<Void> answer(SocketContext context, String id, Throwable error) {
        context.connection.send(Frames.error(id, Problems.of(error)));
        return Mono.empty();
    }
}
