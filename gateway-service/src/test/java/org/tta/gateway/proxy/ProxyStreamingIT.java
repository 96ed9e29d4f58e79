package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Answers are streamed to the client as they arrive, and the response size limit still holds: an
 * answer that crosses it after its head was relayed ends with the client connection closed short of
 * the closing chunk, so the client can never take a truncated answer for a complete one.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
class ProxyStreamingIT {

    static final String FIRST = "{\"part\":\"first\"}";
    static final String SECOND = "{\"part\":\"second\"}";
    /** Sends its first chunk, then the second only once the test has seen the first arrive at the client. */
    static volatile CompletableFuture<Void> release = new CompletableFuture<>();
    static final DisposableServer STEPWISE = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.receive().then(Mono.defer(() -> response
                    .header("Content-Type", "application/json")
                    .sendString(Flux.concat(Mono.just(FIRST), Mono.fromFuture(release).then(Mono.just(SECOND))))
                    .then())))
            .bindNow();
    /** Sends 16 chunks of 200 bytes, 20 ms apart: 3.2 KB in all, over a 1 KB limit crossed after the first chunk. */
    static final DisposableServer TRICKLE = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.receive().then(Mono.defer(() -> response
                    .header("Content-Type", "application/json")
                    .sendString(Flux.range(0, 16).map(i -> "x".repeat(200)).delayElements(Duration.ofMillis(20)))
                    .then())))
            .bindNow();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String p = "tta.gateway.proxy.routes.";
        registry.add(p + "stepwise.paths[0]", () -> "/api/v1/stepwise");
        registry.add(p + "stepwise.instances[0]", () -> "http://127.0.0.1:" + STEPWISE.port());
        registry.add(p + "trickle.paths[0]", () -> "/api/v1/trickle");
        registry.add(p + "trickle.instances[0]", () -> "http://127.0.0.1:" + TRICKLE.port());
        registry.add(p + "trickle.max-response-size", () -> "1KB");
    }

    @AfterAll
    static void stopBackends() {
        STEPWISE.disposeNow();
        TRICKLE.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void relaysTheFirstChunkBeforeTheBackendHasSentTheRest() throws Exception {
        release = new CompletableFuture<>();
        try (Socket socket = open("/api/v1/stepwise/s-1")) {
            InputStream in = socket.getInputStream();
            // a buffering proxy would send nothing until the backend finished, which waits for this test
            String head = readUntil(in, FIRST);
            assertThat(head).startsWith("HTTP/1.1 200").doesNotContain(SECOND);
            release.complete(null);
            String rest = readUntil(in, "\r\n0\r\n\r\n");
            assertThat(rest).contains(SECOND);
        } finally {
            release.complete(null);
        }
    }

    @Test
    void closesTheConnectionShortOfTheLastChunkWhenAStreamedAnswerCrossesTheLimit() throws Exception {
        try (Socket socket = open("/api/v1/trickle/t-1")) {
            String answer = readToEnd(socket.getInputStream());
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).startsWith("http/1.1 200").contains("transfer-encoding: chunked");
            long relayed = answer.chars().filter(c -> c == 'x').count();
            assertThat(relayed).isPositive().isLessThanOrEqualTo(1024);
            assertThat(answer).doesNotEndWith("\r\n0\r\n\r\n");
        }
    }

    private Socket open(String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + Tokens.aPatient("streaming") + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads until {@code marker} arrived; a read timeout (the marker never came) fails the test. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("connection closed before " + marker + " arrived: " + seen.toString(StandardCharsets.ISO_8859_1));
            }
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until the server closes the connection; a read timeout (it kept it open) fails the test. */
    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
