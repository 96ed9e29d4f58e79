package org.tta.gateway.proxy.forward;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Inet6Address;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.web.TraceIds;

/**
 * The headers a request carries to the backend, and those of the answer back to the client.
 *
 * <p>Outbound: hop-by-hop headers and {@code Host} dropped; every incoming {@code Forwarded},
 * {@code X-Forwarded-*}, {@code X-Real-IP} and {@code X-TTA-*} header dropped (they are never
 * trusted from outside), then set from what the gateway itself saw: the TCP peer, the scheme and
 * the {@code Host}. The caller's bearer token passes through unchanged (backends validate it
 * themselves); {@code traceparent} names the gateway's server span so the backend's span is its
 * child.
 */
public final class ForwardHeaders {

    private static final Pattern HOST_TOKEN = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** Headers whose values the gateway sets itself or recomputes. */
    private static final Set<String> REPLACED = Set.of("host", "content-length", "forwarded", "x-real-ip", "traceparent");

    private ForwardHeaders() {
    }

    public static HttpHeaders outbound(ServerWebExchange exchange, boolean conditional) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders in = request.getHeaders();
        Set<String> drop = HopByHop.of(in);
        HttpHeaders out = new HttpHeaders();
        in.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (drop.contains(lower) || REPLACED.contains(lower) || lower.startsWith("x-forwarded-") || lower.startsWith("x-tta-")) {
                return;
            }
            if (!conditional && (lower.equals("if-none-match") || lower.equals("if-modified-since"))) {
                return;
            }
            out.addAll(name, values);
        });
        String client = clientAddress(request);
        String proto = request.getURI().getScheme() == null ? "http" : request.getURI().getScheme();
        String host = in.getFirst(HttpHeaders.HOST);
        if (client != null) {
            out.set("X-Forwarded-For", client);
        }
        out.set("X-Forwarded-Proto", proto);
        StringBuilder forwarded = new StringBuilder();
        if (client != null) {
            forwarded.append("for=").append(forwardedNode(request.getRemoteAddress()));
        }
        if (host != null && isToken(host)) {
            out.set("X-Forwarded-Host", host);
            forwarded.append(forwarded.isEmpty() ? "" : ";").append("host=\"").append(host).append('"');
        }
        forwarded.append(forwarded.isEmpty() ? "" : ";").append("proto=").append(proto);
        out.set("Forwarded", forwarded.toString());
        String traceparent = traceparent(exchange, in.getFirst("traceparent"));
        if (traceparent != null) {
            out.set("traceparent", traceparent);
        }
        return out;
    }

    /** The backend's headers minus hop-by-hop ones and the length (recomputed when the body is written). */
    public static HttpHeaders inbound(HttpHeaders backend) {
        Set<String> drop = HopByHop.of(backend);
        HttpHeaders out = new HttpHeaders();
        backend.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!drop.contains(lower) && !lower.equals("content-length")) {
                out.addAll(name, values);
            }
        });
        return out;
    }

    private static String traceparent(ServerWebExchange exchange, String incoming) {
        Span span = TraceIds.spanOf(exchange);
        if (span != null) {
            var context = span.context();
            return "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
        }
        return incoming != null && TRACEPARENT.matcher(incoming).matches() ? incoming : null;
    }

    private static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    private static String forwardedNode(InetSocketAddress remote) {
        InetAddress address = remote.getAddress();
        return address instanceof Inet6Address ? "\"[" + address.getHostAddress() + "]\"" : address.getHostAddress();
    }

    private static boolean isToken(String host) {
        return HOST_TOKEN.matcher(host).matches();
    }
}
