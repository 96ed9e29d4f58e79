package org.tta.gateway.realtime.socket;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.tta.gateway.ingest.MessageIntake;
import org.tta.gateway.ratelimit.CallerLimiter;
import org.tta.gateway.realtime.Presence;
import org.tta.gateway.realtime.RealtimeMetrics;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.realtime.StreamAdmission;
import org.tta.gateway.realtime.delivery.DeliveryHistory;
import org.tta.gateway.realtime.ticket.StreamCredentials;
import org.tta.platform.security.ClaimAuthoritiesConverter;
import reactor.netty.http.server.WebsocketServerSpec;

/** {@code GET /ws/v1/sessions/{sessionId}}: the admission in front of the handshake, and the socket handler. */
@Configuration(proxyBeanMethods = false)
class SocketConfig {

    @Bean
    SocketRegistry socketRegistry(SessionHub hub, RealtimeProperties properties) {
        return new SocketRegistry(hub, properties);
    }

    @Bean
    HandlerMapping sessionSocketMapping(SessionHub hub, StreamAdmission admission, DeliveryHistory history, Presence presence, MessageIntake intake,
                                        ReactiveJwtDecoder jwts, ClaimAuthoritiesConverter authorities,
                                        RealtimeProperties properties, RealtimeMetrics metrics, SocketRegistry sockets,
                                        ObjectProvider<CallerLimiter> limiter) {
        InboundFrames inbound = new InboundFrames(intake, limiter.getIfAvailable(), jwts, authorities);
        SessionSocketHandler handler = new SessionSocketHandler(hub, admission, history, presence, inbound, properties, metrics, sockets);
        return new SimpleUrlHandlerMapping(Map.of(SessionWebSocketService.PATH_PREFIX + "*", handler), Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    WebSocketHandlerAdapter sessionSocketAdapter(StreamCredentials credentials, StreamAdmission admission,
                                                 RealtimeProperties properties) {
        HandshakeWebSocketService handshake = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(() -> WebsocketServerSpec.builder()
                .maxFramePayloadLength(properties.maxFrameBytes())));
        return new WebSocketHandlerAdapter(new SessionWebSocketService(handshake, credentials, admission));
    }
}
