package org.tta.gateway.proxy.forward;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.tta.gateway.problem.Problem;
import org.springframework.http.HttpStatus;
import org.tta.gateway.proxy.ProxyProblems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends one request to one backend instance over a bounded connection pool. A declared
 * {@code Content-Length} over the limit is refused at once. An error answer (4xx, 5xx), and any
 * answer the caller needs whole ({@link ForwardRequest#streamed()} false), is read into memory within
 * the limit; any other answer is handed on as a stream that counts its bytes against the limit, so
 * memory per request stays at a few network buffers whatever the answer's size. No redirects
 * followed, no automatic retry (the forwarder decides), no compression negotiated.
 */
public final class BackendClient implements DisposableBean {

    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

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

    /**
     * @param idle for a streamed answer, the longest wait for the next chunk of the body (the
     *             caller's timeout covers the wait for the answer's head)
     */
    public Mono<BackendResponse> exchange(String baseUri, ForwardRequest request, long maxBytes, Duration idle) {
        return client
                .headers(h -> request.headers().forEach(h::add))
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(request.method()))
                .uri(baseUri + request.pathAndQuery())
                .send(request.body().length == 0 ? Mono.empty() : Mono.just(Unpooled.wrappedBuffer(request.body())))
                .responseConnection((response, connection) -> read(response, connection, maxBytes, request.streamed() ? idle : null))
                .next();
    }

    private static Mono<BackendResponse> read(HttpClientResponse response, Connection connection, long maxBytes, Duration idle) {
        String length = response.responseHeaders().get("Content-Length");
        if (length != null && parse(length) > maxBytes) {
            connection.dispose();
            return Mono.error(tooLarge(maxBytes));
        }
        HttpHeaders headers = new HttpHeaders();
        response.responseHeaders().forEach(e -> headers.add(e.getKey(), e.getValue()));
        int status = response.status().code();
        if (idle != null && status < 400) {
            HttpHeaders relayed = ForwardHeaders.inbound(headers);
            if (length != null) {
                relayed.set(HttpHeaders.CONTENT_LENGTH, length.trim());
            }
            return Mono.just(new BackendResponse(status, relayed, null, stream(connection, maxBytes, idle)));
        }
        return connection.inbound().receive().asByteArray()
                .reduceWith(() -> new Body(maxBytes), Body::append)
                .map(body -> new BackendResponse(status, ForwardHeaders.inbound(headers), body.bytes()))
                .doOnError(e -> connection.dispose());
    }

    /**
     * The body as it arrives, each chunk counted against the limit before it is handed on; crossing it
     * (or stalling past {@code idle}) errors the stream and closes the backend connection, as does a
     * cancel (the client went away). Chunks handed on are retained: the writer releases them.
     */
    private static Flux<DataBuffer> stream(Connection connection, long maxBytes, Duration idle) {
        return Flux.defer(() -> {
            long[] seen = {0};
            return connection.inbound().receive()
                    .map(chunk -> {
                        seen[0] += chunk.readableBytes();
                        if (seen[0] > maxBytes) {
                            throw tooLarge(maxBytes);
                        }
                        return (DataBuffer) BUFFERS.wrap(chunk.retain());
                    })
                    .timeout(idle)
                    .doOnError(e -> connection.dispose())
                    .doOnCancel(connection::dispose);
        });
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
