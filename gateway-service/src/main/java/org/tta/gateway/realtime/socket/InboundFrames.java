package org.tta.gateway.realtime.socket;

import java.time.Instant;

import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.ingest.MessageIntake;
import org.tta.gateway.problem.Problems;
import org.tta.gateway.ratelimit.CallerLimiter;
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
 * The client's frames: {@code message} (the caller's REST rate limit, then the REST ingest's steps,
 * answered by {@code ack} or {@code error}), {@code ping} ({@code pong}), {@code auth} (token renewal). A binary frame closes with
 * 1003, a flood with 4429; a malformed or unknown frame gets an {@code error} frame and the connection
 * carries on.
 */
final class InboundFrames {

    private static final JsonMapper JSON = TtaJson.mapper();
    private static final int MAX_ID = 255;

    /** The REST route whose caller budget a {@code message} frame draws from. */
    private static final String MESSAGES_PATH = "/api/v1/sessions/%s/messages";
    private static final String MESSAGES_METHOD = "POST";

    private final MessageIntake intake;
    private final CallerLimiter limiter;
    private final ReactiveJwtDecoder jwts;
    private final ClaimAuthoritiesConverter authorities;

    /** {@code limiter} is null when rate limits are switched off. */
    InboundFrames(MessageIntake intake, CallerLimiter limiter, ReactiveJwtDecoder jwts, ClaimAuthoritiesConverter authorities) {
        this.intake = intake;
        this.limiter = limiter;
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

    /** One admitted text frame, in arrival order (the next waits until this one is answered). */
    Mono<Void> handle(SocketContext context, String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
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

    /** The caller budget of {@code POST .../messages} first (the same Redis bucket), then the REST ingest's steps. */
    private Mono<Void> message(SocketContext context, String id, JsonNode data) {
        byte[] body = data == null ? new byte[0] : JSON.writeValueAsBytes(data);
        context.inFlight.incrementAndGet();
        return allowed(context, id)
                .flatMap(ok -> intake.submit(context.grant.sessionId(), context.grant.caller(), body, id, context.grant.clientIp()))
                .doOnNext(accepted -> context.connection.send(Frames.ack(id, accepted)))
                .then()
                .onErrorResume(error -> answer(context, id, error))
                .doFinally(signal -> context.inFlight.decrementAndGet());
    }

    /** True when the caller's budget has a token; otherwise answers the 429 (or 503 shed) problem and is empty. */
    private Mono<Boolean> allowed(SocketContext context, String id) {
        if (limiter == null) {
            return Mono.just(true);
        }
        PathContainer path = PathContainer.parsePath(MESSAGES_PATH.formatted(context.grant.sessionId()));
        return limiter.check(MESSAGES_METHOD, path, context.grant.caller()).flatMap(limit -> {
            if (limit.allowed()) {
                return Mono.just(true);
            }
            context.connection.send(Frames.error(id, limit.problem().with("retryAfter", limit.retryAfter().toSeconds())));
            return Mono.empty();
        });
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
