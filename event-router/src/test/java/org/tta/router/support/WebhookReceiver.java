package org.tta.router.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers as the
 * test's script says. Scripts are per path, so tests can share one receiver.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, long atNanos, int attempt) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /**
     * What to answer: a status and headers, after {@code delay}; {@code CLOSE} drops the connection, {@code HANG}
     * never answers (the exchange is held open until the receiver closes).
     */
    public record Answer(int status, Map<String, String> headers, Duration delay) {
        public static final Answer OK = new Answer(204, Map.of());
        public static final Answer CLOSE = new Answer(-1, Map.of());
        public static final Answer HANG = new Answer(-2, Map.of());

        public Answer(int status, Map<String, String> headers) {
            this(status, headers, Duration.ZERO);
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of());
        }

        /** This answer, sent after {@code delay} (scheduled: no handler thread waits). */
        public Answer after(Duration delay) {
            return new Answer(status, headers, delay);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final List<HttpExchange> held = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests to {@code path}; the function sees the request (with its attempt number per webhook-id). */
    public void script(String path, Function<Received, Answer> answer) {
        scripts.put(path, answer);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The most requests to {@code path} this receiver held at once (received and not yet answered). */
    public int maxInFlight(String path) {
        AtomicInteger max = maxInFlight.get(path);
        return max == null ? 0 : max.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestPath = exchange.getRequestURI().getPath();
        int now = inFlight.computeIfAbsent(requestPath, k -> new AtomicInteger()).incrementAndGet();
        maxInFlight.computeIfAbsent(requestPath, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        int attempt = attemptsById.computeIfAbsent(path + "|" + id, k -> new AtomicInteger()).incrementAndGet();
        Received request = new Received(path, headers, body, System.nanoTime(), attempt);
        received.add(request);
        Answer answer = scripts.getOrDefault(path, r -> Answer.OK).apply(request);
        if (answer.status() == -1) {
            // Closing the exchange before any response makes the JDK server drop the connection.
            inFlight.get(path).decrementAndGet();
            exchange.close();
            return;
        }
        if (answer.status() == -2) {
            held.add(exchange);
            return;
        }
        if (answer.delay().isZero()) {
            respond(exchange, answer);
        } else {
            timer.schedule(() -> respond(exchange, answer), answer.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void respond(HttpExchange exchange, Answer answer) {
        // Leaves the in-flight count before answering: the client may send its next request as soon as it reads this.
        inFlight.get(exchange.getRequestURI().getPath()).decrementAndGet();
        try {
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (IOException gone) {
            // the client gave up; nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        held.forEach(HttpExchange::close);
        server.stop(0);
    }
}
