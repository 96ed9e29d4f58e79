package org.tta.gateway.proxy.forward;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.tta.gateway.problem.Problem;
import org.springframework.http.HttpStatus;
import org.tta.gateway.proxy.ProxyProblems;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends one request to one backend instance over a bounded connection pool and reads the whole
 * answer, refusing one larger than the limit (declared or streamed) before relaying any of it.
 * No redirects followed, no automatic retry (the forwarder decides), no compression negotiated.
 */
public final class BackendClient implements DisposableBean {

    private final ConnectionProvider pool;
    private final HttpClient client;

    public BackendClient() {
        this.pool = ConnectionProvider.builder("tta-proxy")
                .maxConnections(512)
                .pendingAcquireMaxCount(2048)
                .pendingAcquireTimeout(Duration.ofSeconds(2))
                .maxIdleTime(Duration.ofSeconds(20))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .followRedirect(false)
                .disableRetry(true);
    }

    public Mono<BackendResponse> exchange(String baseUri, ForwardRequest request, long maxBytes) {
        return client
                .headers(h -> request.headers().forEach(h::add))
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(request.method()))
                .uri(baseUri + request.pathAndQuery())
                .send(request.body().length == 0 ? Mono.empty() : Mono.just(Unpooled.wrappedBuffer(request.body())))
                .responseConnection((response, connection) -> read(response, connection, maxBytes))
                .next();
    }

    private static Mono<BackendResponse> read(HttpClientResponse response, Connection connection, long maxBytes) {
        String length = response.responseHeaders().get("Content-Length");
        if (length != null && parse(length) > maxBytes) {
            connection.dispose();
            return Mono.error(tooLarge(maxBytes));
        }
        HttpHeaders headers = new HttpHeaders();
        response.responseHeaders().forEach(e -> headers.add(e.getKey(), e.getValue()));
        int status = response.status().code();
        return connection.inbound().receive().asByteArray()
                .reduceWith(() -> new Body(maxBytes), Body::append)
                .map(body -> new BackendResponse(status, ForwardHeaders.inbound(headers), body.bytes()))
                .doOnError(e -> connection.dispose());
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static ProxyFailure tooLarge(long maxBytes) {
        return new ProxyFailure(Problem.of(ProxyProblems.RESPONSE_TOO_LARGE, HttpStatus.BAD_GATEWAY,
                "The backend's answer is larger than " + maxBytes + " bytes; none of it was relayed"), null);
    }

    /** The body read so far; refuses to grow past the limit. */
    private static final class Body {
        private final long max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Body(long max) {
            this.max = max;
        }

        Body append(byte[] chunk) {
            if (bytes.size() + (long) chunk.length > max) {
                throw tooLarge(max);
            }
            bytes.writeBytes(chunk);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
