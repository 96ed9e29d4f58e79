package org.tta.gateway.realtime.socket;

import java.util.Optional;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.realtime.StreamAdmission;
import org.tta.gateway.realtime.StreamGrant;
import org.tta.gateway.realtime.delivery.Position;
import org.tta.gateway.realtime.ticket.StreamCredentials;
import reactor.core.publisher.Mono;

/**
 * Admits a WebSocket upgrade to {@code /ws/v1/sessions/{sessionId}} before handing it to the handshake:
 * request form -> credential (a bearer token Spring Security already verified, else a single-use
 * {@code ticket}) -> membership -> connection limit. Every refusal is an HTTP problem (400, 401, 403,
 * 429) and nothing is upgraded.
 */
final class SessionWebSocketService implements WebSocketService {

    static final String PATH_PREFIX = "/ws/v1/sessions/";

    private final HandshakeWebSocketService handshake;
    private final StreamCredentials credentials;
    private final StreamAdmission admission;

    SessionWebSocketService(HandshakeWebSocketService handshake, StreamCredentials credentials, StreamAdmission admission) {
        this.handshake = handshake;
        this.credentials = credentials;
        this.admission = admission;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        String sessionId = exchange.getRequest().getPath().pathWithinApplication().value().substring(PATH_PREFIX.length());
        String since = exchange.getRequest().getQueryParams().getFirst("since");
        String ticket = exchange.getRequest().getQueryParams().getFirst("ticket");
        String clientIp = ClientAddress.of(exchange.getRequest());
        return admission.checkForm(sessionId, since).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(position -> credentials.resolve(exchange, ticket, sessionId)
                        .flatMap(credential -> admission.admit(sessionId, credential.caller(), credential.expiresAt(),
                                position.orElse(null), clientIp)))
                .flatMap(grant -> {
                    // the grant travels with the handler: one handler instance per admitted upgrade
                    Runnable drop = dropper(exchange);
                    WebSocketHandler admitted = ws -> ((SessionSocketHandler) handler).handle(ws, grant, drop);
                    return handshake.handleRequest(exchange, admitted)
                            .doOnError(e -> admission.release(grant));
                });
    }

    /**
     * Closes the TCP connection under the socket without a closing handshake: for a client that does not
     * take its close frame (it stopped reading). The upgraded socket keeps the request's channel.
     */
    private static Runnable dropper(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (request instanceof reactor.netty.Connection connection) {
            io.netty.channel.Channel channel = connection.channel();
            return () -> channel.close();
        }
        return () -> { };
    }
}
