package org.tta.gateway.proxy;

import java.util.List;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.proxy.forward.BackendResponse;
import org.tta.gateway.proxy.forward.ProxyFailure;
import org.tta.gateway.proxy.route.Route;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;

/**
 * Writes a backend's answer to the client. An error answer is relayed as it is only when it is
 * already {@code application/problem+json}; any other error body is replaced by a problem (a 4xx
 * keeps its status, a 5xx becomes 502). A 200 with an {@code ETag} the client already holds
 * ({@code If-None-Match}) becomes 304. A streamed answer is relayed chunk by chunk (see {@link #stream}).
 */
final class ResponseRelay {

    private static final Logger log = LoggerFactory.getLogger(ResponseRelay.class);

    private final ProblemWriter problems;

    ResponseRelay(ProblemWriter problems) {
        this.problems = problems;
    }

    Mono<Void> write(ServerWebExchange exchange, Route route, BackendResponse backend) {
        int status = backend.status();
        if (status >= 400 && !backend.isProblem()) {
            // error answers are always read whole (BackendClient), so there is no stream to discard
            HttpStatus answer = status < 500 ? HttpStatus.valueOf(status) : HttpStatus.BAD_GATEWAY;
            return problems.write(exchange, Problem.of(ProxyProblems.BACKEND_ERROR, answer,
                    "The backend answered " + status).with("route", route.name()).with("upstreamStatus", status), null);
        }
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        backend.headers().forEach(headers::addAll);
        if (status == 200 && notModified(exchange.getRequest().getHeaders(), backend.headers().getETag())) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            headers.remove(HttpHeaders.CONTENT_TYPE);
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            return backend.discard().then(response.setComplete());
        }
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(status));
        if (status == 204 || status == 304 || HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return backend.discard().then(response.setComplete());
        }
        if (backend.streamed()) {
            return stream(exchange, route, backend);
        }
        headers.setContentLength(backend.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(backend.body())));
    }

    /**
     * Relays a streamed body as it arrives. When the stream fails before its first chunk was written
     * (the limit crossed within the first chunk, the backend stalled at once) nothing is committed:
     * the backend's headers are taken back and the failure is answered as a problem by the caller.
     * When it fails later, the status line and part of the body are already on the wire, so the
     * client connection is closed without the closing chunk (or short of the declared length): the
     * client sees a truncated message, never a complete-looking one.
     */
    private Mono<Void> stream(ServerWebExchange exchange, Route route, BackendResponse backend) {
        ServerHttpResponse response = exchange.getResponse();
        return response.writeWith(backend.stream()).onErrorResume(error -> {
            if (!response.isCommitted()) {
                backend.headers().headerNames().forEach(response.getHeaders()::remove);
                return Mono.error(asProblem(route, error));
            }
            TracedLog.write(exchange, () -> log.warn("Proxy response aborted after its head was sent: route={} error={}",
                    route.name(), error instanceof ProxyFailure failure ? failure.problem().type() : error.getClass().getName()));
            abort(response);
            return Mono.empty();
        });
    }

    private static Throwable asProblem(Route route, Throwable error) {
        if (error instanceof ProxyFailure) {
            return error;
        }
        if (error instanceof TimeoutException) {
            return new ProxyFailure(Problem.of(ProxyProblems.BACKEND_TIMEOUT, HttpStatus.GATEWAY_TIMEOUT,
                    "The backend stopped sending its answer for longer than " + route.spec().timeout().toMillis() + " ms")
                    .with("route", route.name()), null);
        }
        return new ProxyFailure(Problem.of(ProxyProblems.BACKEND_ERROR, HttpStatus.BAD_GATEWAY,
                "The backend's answer broke off").with("route", route.name()), null);
    }

    /** Closes the client connection under the response (Reactor Netty); on other servers the error ends the exchange. */
    private static void abort(ServerHttpResponse response) {
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        if (nativeResponse instanceof NettyOutbound outbound) {
            outbound.withConnection(connection -> connection.channel().close());
        }
    }

    /** Weak comparison (RFC 9110 section 13.1.2): {@code W/} prefixes ignored, {@code *} matches any. */
    static boolean notModified(HttpHeaders request, String etag) {
        if (etag == null) {
            return false;
        }
        List<String> values = request.getOrEmpty(HttpHeaders.IF_NONE_MATCH);
        String own = weak(etag);
        for (String value : values) {
            for (String candidate : value.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || weak(tag).equals(own)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
