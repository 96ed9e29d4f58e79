package org.tta.standalone;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.tta.audit.AuditSinkApplication;
import org.tta.devissuer.DevIssuer;
import org.tta.devissuer.DevIssuerSettings;
import org.tta.gateway.GatewayApplication;
import org.tta.router.EventRouterApplication;
import org.tta.safety.SafetyWorkerApplication;

/**
 * The embedded default: an in-process Kafka broker, an embedded PostgreSQL, the dev token issuer
 * and the four services, each in its own Spring context, in one JVM. No Docker, nothing installed.
 */
public final class StandaloneApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

    /** Auto-configurations that see JDBC on the shared classpath but belong to the audit-sink only. */
    private static final String NO_JDBC = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    /** The standalone has no Redis: the gateway keeps its shared state in memory (one instance only). */
    private static final String NO_REDIS = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
            + "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration,"
            + "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration,"
            + "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration,"
            + "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration,"
            + "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final StandaloneSettings settings;
    private DevIssuer issuer;

    StandaloneApplication(StandaloneSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        StandaloneApplication system = new StandaloneApplication(StandaloneSettings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "standalone-shutdown"));
        try {
            system.start();
        } catch (RuntimeException e) {
            log.error("Standalone start failed: {}", e.getMessage(), e);
            system.close();
            System.exit(1);
        }
    }

    /** Starts everything in dependency order; returns once every service is ready. */
    void start() {
        long started = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(settings.kafkaPort(), 3);
        running.push(kafka);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(settings.postgresPort());
        running.push(postgres);
        issuer = DevIssuer.start(new DevIssuerSettings("localhost", settings.issuerPort(), "tta-platform", true,
                Duration.ofMinutes(60), "roles"));
        running.push(issuer);

        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuerUri(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUri());
        if (enabled("audit-sink")) {
            run(AuditSinkApplication.application(), WebApplicationType.SERVLET, common,
                    "--server.port=" + settings.auditPort(), "--spring.datasource.url=" + postgres.jdbcUrl(),
                    "--spring.datasource.username=postgres");
        }
        if (enabled("safety-worker")) {
            run(SafetyWorkerApplication.application(), WebApplicationType.REACTIVE, common,
                    "--server.port=" + settings.safetyPort(), "--spring.autoconfigure.exclude=" + NO_JDBC,
                    "--spring.kafka.streams.state-dir=" + tempDirectory("tta-standalone-safety-streams"));
        }
        if (enabled("event-router")) {
            run(EventRouterApplication.application(), WebApplicationType.REACTIVE, common,
                    "--server.port=" + settings.routerPort(), "--spring.autoconfigure.exclude=" + NO_JDBC,
                    // local webhook receivers over plain HTTP are fine on one machine, never beyond it
                    "--tta.router.allow-http=LOOPBACK");
        }
        if (enabled("gateway")) {
            run(GatewayApplication.application(), WebApplicationType.REACTIVE, common, gatewayArgs());
        }
        log.info("TTA standalone ready in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        System.out.println(Banner.text(settings, issuer));
    }

    /**
     * Which services to start: {@code TTA_STANDALONE_SERVICES} lists them (gateway, event-router,
     * safety-worker, audit-sink; default all). {@code none} starts only Kafka, PostgreSQL and the
     * issuer, e.g. for benchmarking one service in a JVM of its own.
     */
    private static boolean enabled(String service) {
        String list = System.getenv("TTA_STANDALONE_SERVICES");
        return list == null || list.isBlank() || java.util.Arrays.asList(list.split("\\s*,\\s*")).contains(service);
    }

    /** In memory by default; with {@code TTA_STANDALONE_REDIS_URL} set, the gateway uses that Redis (benchmarks). */
    private String[] gatewayArgs() {
        String redis = System.getenv("TTA_STANDALONE_REDIS_URL");
        if (redis != null && !redis.isBlank()) {
            return new String[] {"--server.port=" + settings.gatewayPort(), "--spring.autoconfigure.exclude=" + NO_JDBC,
                    "--spring.data.redis.url=" + redis};
        }
        return new String[] {"--server.port=" + settings.gatewayPort(),
                "--spring.autoconfigure.exclude=" + NO_JDBC + "," + NO_REDIS, "--tta.redis.store=in-memory",
                "--management.endpoint.health.group.readiness.include=readinessState,kafka"};
    }

    private void run(SpringApplication app, WebApplicationType type, List<String> common, String... specific) {
        app.setWebApplicationType(type);
        app.setRegisterShutdownHook(false);
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(specific));
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        running.push(context);
    }

    /** Kafka Streams state of this run only: the embedded broker starts empty each time, so must the state. */
    private static String tempDirectory(String prefix) {
        try {
            java.nio.file.Path directory = java.nio.file.Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create a temporary directory for " + prefix, e);
        }
    }

    DevIssuer issuer() {
        return issuer;
    }

    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
