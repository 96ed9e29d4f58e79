package org.tta.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.tta.gateway.GatewayApplication;
import org.tta.router.EventRouterApplication;
import org.tta.safety.SafetyWorkerApplication;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * One participant message, followed from the gateway's HTTP request through Kafka into the workers: the spans every
 * service exports (an in-memory exporter in each context, sampling 100%) must share the request's trace id, which
 * the gateway returns as {@code X-Trace-Id}. The trace crosses Kafka in the {@code traceparent} record header the
 * gateway's publisher writes, and continues in each worker's listener observation.
 */
@TtaIntegrationTest
class CrossServiceTraceIT {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    static final String NO_JDBC = ExportedMetricsIT.NO_JDBC;
    static final List<ConfigurableApplicationContext> RUNNING = new ArrayList<>();
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TestNamespace namespace;

    /** The traceparent header of every call the on-call webhook receiver got. */
    static final List<String> ON_CALL_TRACEPARENTS = new java.util.concurrent.CopyOnWriteArrayList<>();
    static com.sun.net.httpserver.HttpServer onCall;

    @BeforeAll
    static void startServices() throws Exception {
        namespace = TestInfrastructure.get().namespaceFor(CrossServiceTraceIT.class);
        onCall = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        onCall.createContext("/on-call", exchange -> {
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            ON_CALL_TRACEPARENTS.add(traceparent == null ? "none" : traceparent);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        onCall.start();
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString("trace-test-secret-32-bytes-long!".getBytes());
        start("safety-worker", SafetyWorkerApplication.application(), "--spring.autoconfigure.exclude=" + NO_JDBC);
        start("event-router", EventRouterApplication.application(), "--spring.autoconfigure.exclude=" + NO_JDBC,
                "--tta.router.allow-http=LOOPBACK",
                "--tta.router.safety.on-call-sink=http://127.0.0.1:" + onCall.getAddress().getPort() + "/on-call",
                "--tta.router.safety.on-call-secret=" + secret);
        start("gateway-service", GatewayApplication.application(), "--spring.autoconfigure.exclude=" + NO_JDBC,
                "--tta.ops.lag.enabled=false");
    }

    @AfterAll
    static void stopServices() {
        if (onCall != null) {
            onCall.stop(0);
        }
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RUNNING.get(i).close();
        }
    }

    @Test
    void followsOneMessageFromTheGatewayThroughKafkaIntoEveryWorkerUnderOneTraceId() throws Exception {
        String session = post("/api/v1/sessions", Tokens.aTherapist("theo"),
                "{\"participants\":[{\"subject\":\"alice\",\"role\":\"patient\"}]}", 201).body();
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(session);
        assertThat(id.find()).as("session id in %s", session).isTrue();

        HttpResponse<String> accepted = post("/api/v1/sessions/" + id.group(1) + "/messages", Tokens.aPatient("alice"),
                "{\"text\":\"I walked to the lake today\"}", 202);
        String traceId = accepted.headers().firstValue("X-Trace-Id").orElseThrow();

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(servicesWithSpansOf(traceId)).as("services with spans of trace %s", traceId)
                        .contains("gateway-service", "event-router", "safety-worker"));
    }

    @Test
    void followsACrisisMessageThroughTheSafetyWorkerAndTheRouterToTheOnCallWebhook() throws Exception {
        String session = post("/api/v1/sessions", Tokens.aTherapist("tess"),
                "{\"participants\":[{\"subject\":\"bob\",\"role\":\"patient\"}]}", 201).body();
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(session);
        assertThat(id.find()).as("session id in %s", session).isTrue();

        HttpResponse<String> accepted = post("/api/v1/sessions/" + id.group(1) + "/messages", Tokens.aPatient("bob"),
                "{\"text\":\"I have the pills in my hand and I am taking them all tonight\"}", 202);
        String traceId = accepted.headers().firstValue("X-Trace-Id").orElseThrow();

        // gateway -> scan -> safety-worker (verdict, escalation) -> event-router -> on-call webhook, one trace
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ON_CALL_TRACEPARENTS).as("traceparents the on-call receiver got")
                        .anySatisfy(traceparent -> assertThat(traceparent).startsWith("00-" + traceId + "-")));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(servicesWithSpansOf(traceId)).contains("gateway-service", "safety-worker", "event-router"));
    }

    private static Set<String> servicesWithSpansOf(String traceId) {
        Set<String> services = new TreeSet<>();
        for (SpanData span : CollectingSpanExporter.snapshot()) {
            if (span.getTraceId().equals(traceId)) {
                services.add(span.getResource().getAttribute(SERVICE_NAME));
            }
        }
        return services;
    }

    private static void start(String name, SpringApplication app, String... specific) {
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        app.setRegisterShutdownHook(false);
        app.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("collectingSpanExporter", new CollectingSpanExporter()));
        List<String> args = new ArrayList<>();
        TestInfrastructure.get().springProperties(namespace).forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.add("--management.tracing.sampling.probability=1.0");
        args.addAll(List.of(specific));
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        RUNNING.add(context);
        PORTS.put(name, Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static HttpResponse<String> post(String path, String token, String json, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS.get("gateway-service") + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(expected);
        return response;
    }
}
