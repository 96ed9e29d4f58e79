package org.tta.gateway.identity;

import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/** The caller's network address as audit records carry it. */
public final class ClientAddress {

    /**
     * The exchange attribute holding the client address the rate limiter resolved (trusted proxies'
     * {@code X-Forwarded-For} honoured), when it ran.
     */
    public static final String RESOLVED = ClientAddress.class.getName() + ".resolved";

    private ClientAddress() {
    }

    /** The resolved client address when the rate limiter set one, else the connection's remote address. */
    public static String of(ServerWebExchange exchange) {
        Object resolved = exchange.getAttribute(RESOLVED);
        return resolved instanceof String address && !address.isBlank() ? address : of(exchange.getRequest());
    }

    /** The remote address of the connection, or null when unknown. */
    public static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
