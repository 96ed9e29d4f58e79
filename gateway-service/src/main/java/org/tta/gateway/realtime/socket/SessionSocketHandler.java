package org.tta.gateway.realtime.socket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.tta.gateway.realtime.CloseCodes;
import org.tta.gateway.realtime.Connection;
import org.tta.gateway.realtime.Frames;
import org.tta.gateway.realtime.Heartbeats;
import org.tta.gateway.realtime.Presence;
import org.tta.gateway.realtime.RealtimeMetrics;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.realtime.StreamAdmission;
import org.tta.gateway.realtime.StreamGrant;
import org.tta.gateway.realtime.delivery.DeliveryHistory;
import org.tta.gateway.realtime.delivery.InvalidPositionException;
import org.tta.gateway.realtime.delivery.ResumeUnavailableException;
import org.tta.gateway.problem.Problems;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * One admitted WebSocket: register -> (replay from {@code since}) -> live events, answers and pings out;
 * frames in through {@link InboundFrames}. Closes with the documented codes ({@link CloseCodes}) on
 * token expiry, idle timeout, frame floods, binary frames, overflow and shutdown.
 */
final class SessionSocketHandler implements WebSocketHandler {

    static final String TRANSPORT = "websocket";

    private final SessionHub hub;
    private final StreamAdmission admission;
    private final DeliveryHistory history;
    private final Presence presence;
    private final InboundFrames inbound;
    private final RealtimeProperties properties;
    private final RealtimeMetrics metrics;
    private final SocketRegistry sockets;

    SessionSocketHandler(SessionHub hub, StreamAdmission admission, DeliveryHistory history, Presence presence, InboundFrames inbound,
                         RealtimeProperties properties, RealtimeMetrics metrics, SocketRegistry sockets) {
        this.hub = hub;
        this.admission = admission;
        this.history = history;
        this.presence = presence;
        this.inbound = inbound;
        this.properties = properties;
        this.metrics = metrics;
        this.sockets = sockets;
    }

    /** Only reachable through {@link SessionWebSocketService}, which admits the upgrade first. */
    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        return Mono.error(new IllegalStateException("a session socket needs its admission grant"));
    }

    Mono<Void> handle(WebSocketSession ws, StreamGrant grant, Runnable drop) {
        AtomicBoolean closing = new AtomicBoolean();
        SocketContext context = new SocketContext(ws, grant, closing, metrics, new FrameRate(properties.framesPerSecond()),
                drop, properties.closeTimeout());
        Connection connection = new Connection(grant.sessionId(), grant.caller().subject(), grant.caller().role(),
                TRANSPORT, properties.outboundBuffer(), grant.since() != null, overflowed -> {
                    metrics.bufferDrop(TRANSPORT);
                    context.close(CloseCodes.SLOW_CONSUMER, "slow consumer");
                });
        context.connection = connection;
        hub.add(connection);
        sockets.add(context);
        AtomicReference<Disposable> expiry = new AtomicReference<>(scheduleExpiry(context, grant.tokenExpiresAt()));
        context.onRenewal = expiresAt -> {
            Disposable previous = expiry.getAndSet(scheduleExpiry(context, expiresAt));
            previous.dispose();
        };
        if (grant.since() != null) {
            replay(context, grant);
        }
        presence.joined(connection);

        Flux<WebSocketMessage> events = connection.frames()
                .map(frame -> {
                    metrics.sent(TRANSPORT);
                    return ws.textMessage(frame.json());
                });
        Flux<WebSocketMessage> framesAndPings = Heartbeats.interleave(events, properties.heartbeat(),
                () -> ws.pingMessage(factory -> factory.wrap(new byte[0])), context.closedSignal());
        // After a flushing close the output completes: the close frame follows the last queued frame.
        Mono<Void> output = ws.send(framesAndPings).then(Mono.defer(() -> context.isClosing()
                ? context.closeNow() : Mono.empty()));

        Mono<Void> input = ws.receive()
                .timeout(properties.idleTimeout())
                .filter(message -> inbound.admit(context, message))
                // read the text now: the transport releases a frame's buffer once it was handed on, and the
                // next frame waits here while a message frame is still being accepted
                .map(message -> message.getPayloadAsText(StandardCharsets.UTF_8))
                .concatMap(text -> inbound.handle(context, text), 1)
                .onErrorResume(TimeoutException.class, e -> {
                    context.close(CloseCodes.IDLE_TIMEOUT, "idle timeout");
                    return Mono.empty();
                })
                .then();

        return Mono.zip(input.doFinally(signal -> connection.complete()), output.onErrorResume(e -> Mono.empty()))
                .then()
                .doFinally(signal -> {
                    expiry.get().dispose();
                    context.dropTimer.dispose();
                    sockets.remove(context);
                    if (hub.remove(connection)) {
                        admission.release(grant);
                        presence.left(connection);
                    }
                    context.recordClose();
                });
    }

    private Disposable scheduleExpiry(SocketContext context, Instant expiresAt) {
        Duration wait = Duration.between(Instant.now(), expiresAt);
        return Mono.delay(wait.isNegative() ? Duration.ZERO : wait, Schedulers.parallel())
                .subscribe(tick -> context.close(CloseCodes.AUTH_EXPIRED, "token expired"));
    }

    private void replay(SocketContext context, StreamGrant grant) {
        history.after(grant.sessionId(), grant.since()).subscribe(
                events -> context.connection.replayed(events, grant.since().offset()),
                error -> {
                    if (error instanceof ResumeUnavailableException) {
                        context.connection.send(Frames.resumeUnavailable(grant.since().toString()));
                        context.close(CloseCodes.RESUME_UNAVAILABLE, "resume unavailable", true);
                    } else if (error instanceof InvalidPositionException) {
                        context.connection.send(Frames.error(null, Problems.of(error)));
                        context.close(CloseCodes.INVALID_POSITION, "invalid position", true);
                    } else {
                        context.close(CloseCodes.GOING_AWAY, "history unavailable, retry");
                    }
                });
    }

    /** The state of one socket that frame handling and closing share. */
    static final class SocketContext {

        final WebSocketSession ws;
        final StreamGrant grant;
        final AtomicInteger inFlight = new AtomicInteger();
        final FrameRate rate;
        private final AtomicBoolean closing;
        private final RealtimeMetrics metrics;
        private final Sinks.Empty<Void> done = Sinks.empty();
        private final Runnable drop;
        private final Duration closeTimeout;
        final Disposable.Swap dropTimer = Disposables.swap();
        private volatile CloseStatus closeStatus = CloseStatus.NORMAL;
        volatile Connection connection;
        volatile Consumer<Instant> onRenewal;

        SocketContext(WebSocketSession ws, StreamGrant grant, AtomicBoolean closing, RealtimeMetrics metrics,
                      FrameRate rate, Runnable drop, Duration closeTimeout) {
            this.ws = ws;
            this.drop = drop;
            this.closeTimeout = closeTimeout;
            this.grant = grant;
            this.closing = closing;
            this.metrics = metrics;
            this.rate = rate;
        }

        /**
         * Closes once with the code; later calls do nothing. With {@code flush} the frames already queued
         * (an error, resume-unavailable) go out before the close frame; without it (slow, idle, flooding
         * clients) the close frame is sent now. Either way the TCP connection is dropped if the close frame
         * is not out within {@code close-timeout}: a client that stopped reading cannot hold the socket (and
         * the frames queued for it) any longer.
         */
        void close(int code, String reason, boolean flush) {
            if (closing.compareAndSet(false, true)) {
                closeStatus = new CloseStatus(code, reason);
                Connection current = connection;
                if (current != null) {
                    current.complete();
                }
                done.tryEmitEmpty();
                dropTimer.update(Mono.delay(closeTimeout, Schedulers.parallel()).subscribe(tick -> drop.run()));
                if (!flush) {
                    closeNow();
                }
            }
        }

        void close(int code, String reason) {
            close(code, reason, false);
        }

        /** Sends the close frame (after the output drained, or at once), then makes sure the channel goes. */
        Mono<Void> closeNow() {
            Mono<Void> close = ws.close(closeStatus);
            close.subscribe(null, e -> { });
            return Mono.empty();
        }

        Mono<Void> closedSignal() {
            return done.asMono();
        }

        boolean isClosing() {
            return closing.get();
        }

        void recordClose() {
            metrics.closed(TRANSPORT, closeStatus.getCode());
        }
    }
}
