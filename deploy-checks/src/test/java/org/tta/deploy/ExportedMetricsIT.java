package org.tta.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.tta.audit.AuditSinkApplication;
import org.tta.gateway.GatewayApplication;
import org.tta.router.EventRouterApplication;
import org.tta.safety.SafetyWorkerApplication;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Starts the four services as the standalone does (one JVM, real Kafka, Redis and PostgreSQL), scrapes each one's
 * {@code /actuator/prometheus}, and checks that every metric an alert rule or a dashboard names is exported, or is
 * one of the explicitly pending names (which must then not be exported yet).
 */
@TtaIntegrationTest
class ExportedMetricsIT {

    static final String NO_JDBC = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    static final List<ConfigurableApplicationContext> RUNNING = new ArrayList<>();
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TestNamespace namespace;

    @BeforeAll
    static void startServices() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        namespace = infrastructure.namespaceFor(ExportedMetricsIT.class);
        String group = namespace.id() + "-lagged";
        givenAGroupWithCommittedOffsets(infrastructure.kafkaBootstrapServers(), group);
        start("audit-sink", AuditSinkApplication.application(), WebApplicationType.SERVLET);
        start("safety-worker", SafetyWorkerApplication.application(), WebApplicationType.REACTIVE, "--spring.autoconfigure.exclude=" + NO_JDBC);
        start("event-router", EventRouterApplication.application(), WebApplicationType.REACTIVE, "--spring.autoconfigure.exclude=" + NO_JDBC);
        start("gateway-service", GatewayApplication.application(), WebApplicationType.REACTIVE, "--spring.autoconfigure.exclude=" + NO_JDBC,
                "--tta.ops.lag.groups=" + group, "--tta.ops.lag.interval=1h");
    }

    @AfterAll
    static void stopServices() {
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RUNNING.get(i).close();
        }
    }

    @Test
    void everyMetricTheRulesAndDashboardsUseIsExportedOrExplicitlyPending() throws Exception {
        // One request per service first, so that the HTTP server metrics exist; the lag report makes the gauges.
        get(PORTS.get("gateway-service"), "/api/v1/ops/lag", Tokens.anOperator("olga"));
        Map<String, Set<String>> exportedBy = new LinkedHashMap<>();
        for (var service : PORTS.entrySet()) {
            get(service.getValue(), "/actuator/health", null);
            exportedBy.put(service.getKey(), sampleNames(get(service.getValue(), "/actuator/prometheus", null)));
        }
        Set<String> exported = new TreeSet<>();
        exportedBy.values().forEach(exported::addAll);

        Set<String> used = Observability.usedMetrics();
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        missing.removeAll(Observability.PENDING);
        missing.removeAll(Observability.ON_FIRST_EVENT.keySet());
        assertThat(missing).as("metrics named by rules or dashboards that no service exports (tta ones exported: %s)",
                exported.stream().filter(n -> n.startsWith("tta_")).toList()).isEmpty();
        assertThat(Observability.ON_FIRST_EVENT.values()).as("metrics registered on first use, by their Micrometer name")
                .allSatisfy(name -> assertThat(serviceSources()).contains("\"" + name + "\""));

        Set<String> nowExported = new TreeSet<>(Observability.PENDING);
        nowExported.retainAll(exported);
        assertThat(nowExported).as("pending metrics that are exported now: remove them from Observability.PENDING").isEmpty();

        Set<String> checked = new HashSet<>(used);
        checked.removeAll(Observability.PENDING);
        assertThat(checked).as("metrics checked against a real export")
                .contains("tta_consumer_lag_seconds", "tta_consumer_lag_records", "tta_consumer_group_status",
                        "http_server_requests_seconds_count", "resilience4j_circuitbreaker_state");
        String documented = Repo.read(Repo.file("docs/operations/metrics.md"));
        assertThat(Observability.PENDING).allSatisfy(name -> assertThat(documented).contains(name));
    }

    @Test
    void everyServiceTagsItsMetricsWithItsName() throws Exception {
        for (var service : PORTS.entrySet()) {
            String body = get(service.getValue(), "/actuator/prometheus", null);
            assertThat(body).as(service.getKey()).contains("jvm_threads_live_threads{service=\"" + service.getKey() + "\"}");
        }
    }

    private static void start(String name, SpringApplication app, WebApplicationType type, String... specific) {
        app.setWebApplicationType(type);
        app.setRegisterShutdownHook(false);
        List<String> args = new ArrayList<>();
        TestInfrastructure.get().springProperties(namespace).forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.addAll(List.of(specific));
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        RUNNING.add(context);
        PORTS.put(name, Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static void givenAGroupWithCommittedOffsets(String bootstrap, String group) throws Exception {
        String topic = namespace.topic("metrics-lag");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)));
        }
    }

    private static String get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s on %d", path, port).isEqualTo(200);
        return response.body();
    }

    private static String serviceSources() throws java.io.IOException {
        StringBuilder sources = new StringBuilder();
        for (ServiceConfig config : ServiceConfig.all().values()) {
            try (var files = java.nio.file.Files.walk(Repo.root().resolve(config.module()).resolve("src/main/java"))) {
                for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.append(Repo.read(file));
                }
            }
        }
        return sources.toString();
    }

    /** Names of the samples (what PromQL selects), e.g. {@code http_server_requests_seconds_count}. */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
        }
        return names;
    }
}
