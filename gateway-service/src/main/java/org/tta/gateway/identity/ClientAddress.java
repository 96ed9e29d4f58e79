package org.tta.gateway.identity;

import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** The caller's network address as audit records carry it. */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** The remote address of the connection, or null when unknown. */
    public static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
