package org.tta.gateway.proxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A backend server on a random local port: records every request and answers as told. */
final class TestBackend implements AutoCloseable {

    /** A request as the backend received it. */
    record Received(String method, String uri, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** An answer: status, headers, body, and how long to wait before sending it. */
    record Reply(int status, Map<String, String> headers, byte[] body, Duration delay) {
        static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        static Reply of(int status, String contentType, String body) {
            return new Reply(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        Reply withHeaders(Map<String, String> more) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.putAll(more);
            return new Reply(status, all, body, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    final String name;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Function<Received, Reply> behaviour;
    private final DisposableServer server;

    private TestBackend(String name, Function<Received, Reply> behaviour) {
        this.name = name;
        this.behaviour = behaviour;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .flatMap(body -> {
                            Received r = new Received(request.method().name(), request.uri(), request.requestHeaders().copy(), body);
                            received.add(r);
                            Reply reply = this.behaviour.apply(r);
                            return Mono.delay(reply.delay()).then(Mono.defer(() -> {
                                response.status(reply.status());
                                reply.headers().forEach(response::header);
                                if (reply.headers().containsKey("X-Chunked")) {
                                    byte[] b = reply.body();
                                    int half = b.length / 2;
                                    return response.sendByteArray(reactor.core.publisher.Flux.just(
                                            java.util.Arrays.copyOfRange(b, 0, half), java.util.Arrays.copyOfRange(b, half, b.length))).then();
                                }
                                return response.sendByteArray(Mono.just(reply.body())).then();
                            }));
                        }))
                .bindNow();
    }

    /** Answers {@code {"backend": name, "uri": ...}} with 200. */
    static TestBackend echo(String name) {
        return new TestBackend(name, r -> Reply.json(200, "{\"backend\":\"" + name + "\",\"uri\":\"" + r.uri() + "\"}"));
    }

    static TestBackend start(String name, Function<Received, Reply> behaviour) {
        return new TestBackend(name, behaviour);
    }

    /** A base URI where nothing listens (a port just released). */
    static String nowhere() {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).bindNow();
        String url = "http://127.0.0.1:" + server.port();
        server.disposeNow();
        return url;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    List<Received> withHeader(String name, String value) {
        return received.stream().filter(r -> value.equals(r.header(name))).toList();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
