package org.tta.gateway.proxy;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.proxy.forward.BackendResponse;
import org.tta.gateway.proxy.route.Route;
import reactor.core.publisher.Mono;

/**
 * Writes a backend's answer to the client. An error answer is relayed as it is only when it is
 * already {@code application/problem+json}; any other error body is replaced by a problem (a 4xx
 * keeps its status, a 5xx becomes 502). A 200 with an {@code ETag} the client already holds
 * ({@code If-None-Match}) becomes 304.
 */
final class ResponseRelay {

    private final ProblemWriter problems;

    ResponseRelay(ProblemWriter problems) {
        this.problems = problems;
    }

    Mono<Void> write(ServerWebExchange exchange, Route route, BackendResponse backend) {
        int status = backend.status();
        if (status >= 400 && !backend.isProblem()) {
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
            return response.setComplete();
        }
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(status));
        if (status == 204 || status == 304 || HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return response.setComplete();
        }
        headers.setContentLength(backend.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(backend.body())));
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
