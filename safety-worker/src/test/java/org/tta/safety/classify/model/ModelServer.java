package org.tta.safety.classify.model;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A real local HTTP moderation endpoint for tests: it answers, hangs or fails, as told. */
final class ModelServer implements AutoCloseable {

    enum Mode { ANSWER, HANG, FAIL_500, GARBAGE }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER);
    private final AtomicReference<String> answer = new AtomicReference<>(
            "{\"category\":\"suicidal_ideation\",\"tier\":\"high\",\"score\":0.93}");
    private final AtomicReference<String> lastBody = new AtomicReference<>();

    ModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/moderate", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/moderate");
    }

    ModelServer mode(Mode m) {
        mode.set(m);
        return this;
    }

    ModelServer answers(String json) {
        answer.set(json);
        return mode(Mode.ANSWER);
    }

    int requests() {
        return requests.get();
    }

    String lastBody() {
        return lastBody.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        switch (mode.get()) {
            case HANG -> {
                try {
                    release.await(60, TimeUnit.SECONDS); // released when the test closes the server
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, answer.get());
            }
            case FAIL_500 -> respond(exchange, 500, "{\"error\":\"boom\"}");
            case GARBAGE -> respond(exchange, 200, "{\"category\":\"maybe\"");
            case ANSWER -> respond(exchange, 200, answer.get());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException ignored) {
            // the client gave up (timeout): nothing to do
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
