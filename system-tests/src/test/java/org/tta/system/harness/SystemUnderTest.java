package org.tta.system.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.tta.devissuer.DevIssuer;
import org.tta.devissuer.DevIssuerSettings;

/**
 * The whole system as separate processes on 127.0.0.1: the 3-node Kafka cluster, the harness's own Redis and
 * PostgreSQL, the dev token issuer (in the test JVM: it is never faulted), two gateways, two routers, the
 * safety-worker and the audit-sink. {@link #close()} stops the services, then the infrastructure; whatever
 * a failure leaves running the {@link Processes} shutdown hook kills.
 */
public final class SystemUnderTest implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(240);
    /** Little heap, the quick JIT only, the serial collector: nine JVMs share two cores. */
    private static final List<String> SERVICE_JVM = List.of("-Xms96m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    /** A killed member leaves its group after 6 s (the broker's minimum), not after the 45 s default. */
    private static final List<String> FAST_GROUP_EXIT = List.of(
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1500");
    private static final String BIG = "1000000000";

    public final Path work;
    public final KafkaCluster kafka;
    public final RedisServer redis;
    public final PostgresServer postgres;
    public final DevIssuer issuer;
    public final List<ServiceProcess> gateways = new ArrayList<>();
    public final List<ServiceProcess> routers = new ArrayList<>();
    public final ServiceProcess safety;
    public final ServiceProcess audit;
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private Duration startup = Duration.ZERO;

    private SystemUnderTest(Path work, KafkaCluster kafka, RedisServer redis, PostgresServer postgres, DevIssuer issuer) {
        this.work = work;
        this.kafka = kafka;
        this.redis = redis;
        this.postgres = postgres;
        this.issuer = issuer;
        String java = java();
        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuerUri(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUri(),
                "--tta.kafka.replication-factor=3", "--tta.kafka.min-insync-replicas=2",
                "--management.tracing.sampling.probability=0");
        for (int i = 1; i <= 2; i++) {
            gateways.add(new ServiceProcess("gateway-" + i, java, jar("gateway"), SERVICE_JVM, join(common, FAST_GROUP_EXIT,
                    List.of("--spring.data.redis.url=" + redis.url(),
                            // stable per instance, so that a restarted gateway fences what its predecessor left open
                            "--tta.gateway.publish.transactional-id-prefix=system-gateway-" + i + "-",
                            // rate limiting stays on (each post pays its Redis bucket), with budgets the load never spends
                            "--tta.gateway.rate-limits.ip.capacity=" + BIG, "--tta.gateway.rate-limits.ip.refill=" + BIG,
                            "--tta.gateway.rate-limits.classes.participant.capacity=" + BIG,
                            "--tta.gateway.rate-limits.classes.participant.refill=" + BIG,
                            "--tta.gateway.rate-limits.classes.clinical.capacity=" + BIG,
                            "--tta.gateway.rate-limits.classes.clinical.refill=" + BIG)), work));
            routers.add(new ServiceProcess("router-" + i, java, jar("router"), SERVICE_JVM, join(common, FAST_GROUP_EXIT,
                    List.of("--tta.router.transactional-id=system-router-" + i, "--tta.router.allow-http=LOOPBACK")), work));
        }
        safety = new ServiceProcess("safety-worker", java, jar("safety"), SERVICE_JVM, join(common, List.of(
                "--spring.kafka.streams.state-dir=" + work.resolve("safety-streams"),
                "--spring.kafka.streams.properties.session.timeout.ms=6000",
                "--spring.kafka.streams.properties.heartbeat.interval.ms=1500")), work);
        audit = new ServiceProcess("audit-sink", java, jar("audit"), SERVICE_JVM, join(common, FAST_GROUP_EXIT, List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres")), work);
    }

    /** Starts everything and returns once every service reports ready. */
    public static SystemUnderTest start() {
        Path work = Path.of(System.getProperty("tta.system.work", "target/system")).toAbsolutePath();
        try {
            deleteRecursively(work); // a previous run's broker storage cannot be formatted again
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<AutoCloseable> started = new ArrayList<>();
        long begin = System.nanoTime();
        try {
            KafkaCluster kafka = KafkaCluster.start(work, java(), kafkaClasspath());
            started.add(kafka);
            RedisServer redis = RedisServer.start(work);
            started.add(redis);
            PostgresServer postgres = PostgresServer.start(work);
            started.add(postgres);
            DevIssuer issuer = DevIssuer.start(new DevIssuerSettings("127.0.0.1", Ports.free(),
                    DevIssuerSettings.TTA_AUDIENCE, false, Duration.ofHours(3), "roles"));
            started.add(issuer);
            SystemUnderTest system = new SystemUnderTest(work, kafka, redis, postgres, issuer);
            system.infrastructure.addAll(started);
            system.services().forEach(s -> s.process().startInBackground());
            system.services().forEach(s -> s.process().awaitReady(READY));
            system.startup = Duration.ofNanos(System.nanoTime() - begin);
            return system;
        } catch (RuntimeException e) {
            Processes.killAll();
            for (AutoCloseable c : started.reversed()) {
                closeQuietly(c);
            }
            throw e;
        }
    }

    /** One line for a report: what runs, and how long it took to start. */
    public String description() {
        return String.format("system started in %.1f s: 3 KRaft brokers (RF 3, min.insync.replicas 2), 2 gateways, "
                + "2 routers, safety-worker, audit-sink, own Redis and PostgreSQL, each its own process", startup.toMillis() / 1000.0);
    }

    public List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(gateways);
        all.addAll(routers);
        all.add(safety);
        all.add(audit);
        return all;
    }

    public Duration readyTimeout() {
        return READY;
    }

    /** A token from the issuer, valid for the whole run. */
    public String token(String subject, String role) {
        return issuer.token(subject).roles(role).expiresIn(Duration.ofHours(3)).sign();
    }

    @Override
    public void close() {
        services().forEach(s -> s.process().kill());
        for (AutoCloseable c : infrastructure.reversed()) {
            closeQuietly(c);
        }
        Processes.killAll();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("closing " + c.getClass().getSimpleName() + " failed: " + e);
        }
    }

    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path jar(String service) {
        String path = System.getProperty("tta.system.jar." + service);
        if (path == null || path.isBlank() || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("no runnable jar for " + service + " (tta.system.jar." + service + "=" + path
                    + "): run through Maven, ./mvnw -Psystem-tests -pl system-tests -am verify");
        }
        return Path.of(path);
    }

    private static String kafkaClasspath() {
        try {
            return Files.readString(Path.of(System.getProperty("tta.system.kafka-classpath", "target/kafka-classpath.txt"))).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("target/kafka-classpath.txt is written by the build (dependency:build-classpath)", e);
        }
    }

    /** Waits a fixed time; only for the length of an outage, never to time an assertion. */
    public static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
