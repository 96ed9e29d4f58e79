package org.tta.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;
import org.testcontainers.DockerClientFactory;
import org.tta.devissuer.DevIssuer;
import org.tta.devissuer.DevIssuerSettings;

/**
 * Kafka, Redis, PostgreSQL and the test token issuer, started once per JVM on first use and stopped by a shutdown
 * hook. Thread-safe. {@code TTA_TESTKIT_MODE} (system property or environment) picks containers or local servers.
 */
public final class TestInfrastructure {

    /** Where the servers run. */
    public enum Mode { DOCKER, LOCAL }

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final Object LOCK = new Object();
    private static volatile TestInfrastructure instance;
    private static RuntimeException startFailure;

    private final Backend backend;
    private final DevIssuer issuer;
    private final Map<String, TestNamespace> namespacesByTestClass = new ConcurrentHashMap<>();
    private final List<TestNamespace> created = new CopyOnWriteArrayList<>();

    private TestInfrastructure(Backend backend, DevIssuer issuer) {
        this.backend = backend;
        this.issuer = issuer;
    }

    /** The JVM's infrastructure, started on the first call; a failed start fails every later call the same way. */
    public static TestInfrastructure get() {
        TestInfrastructure current = instance;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (instance == null) {
                if (startFailure != null) {
                    throw new IllegalStateException("The test infrastructure failed to start earlier in this JVM: "
                            + startFailure.getMessage(), startFailure);
                }
                try {
                    instance = start();
                } catch (RuntimeException e) {
                    startFailure = e;
                    throw e;
                }
            }
            return instance;
        }
    }

    private static TestInfrastructure start() {
        String setting = Settings.get(Settings.MODE, "auto").toLowerCase(Locale.ROOT);
        Mode mode = switch (setting) {
            case "docker" -> Mode.DOCKER;
            case "local" -> Mode.LOCAL;
            case "auto" -> null;
            default -> throw new IllegalArgumentException(
                    Settings.MODE + " must be auto, docker or local, was '" + setting + "'");
        };
        QuietLogs.whileStarting();
        String reason = Settings.MODE + "=" + setting;
        if (mode == null) {
            long started = System.nanoTime();
            // Here a missing engine is an expected answer; Testcontainers would log it as an ERROR. Setting
            // TTA_TESTKIT_MODE=docker shows its full diagnosis.
            boolean docker = QuietLogs.silenced("org.testcontainers",
                    () -> DockerClientFactory.instance().isDockerAvailable());
            mode = docker ? Mode.DOCKER : Mode.LOCAL;
            reason += (docker ? " and a Docker engine answers" : " and no Docker engine answers") + ", checked in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
        }
        log.info("TTA test kit: {} mode ({})", mode, reason);
        Backend backend = mode == Mode.DOCKER ? DockerBackend.start() : LocalBackend.start();
        DevIssuer issuer;
        try {
            issuer = DevIssuer.start(DevIssuerSettings.forTests());
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        TestInfrastructure infrastructure = new TestInfrastructure(backend, issuer);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "tta-testkit-shutdown"));
        log.info("TTA test kit: Kafka {}, Redis {}, PostgreSQL {}, issuer {}", backend.kafkaBootstrapServers(),
                backend.redisUri(), backend.jdbcUrl(), issuer.issuerUri());
        return infrastructure;
    }

    public Mode mode() {
        return backend.mode();
    }

    public String kafkaBootstrapServers() {
        return backend.kafkaBootstrapServers();
    }

    public String redisUri() {
        return backend.redisUri();
    }

    /** The database URL without a schema; see {@link #jdbcUrl(TestNamespace)}. */
    public String jdbcUrl() {
        return backend.jdbcUrl();
    }

    /** The database URL with {@code currentSchema} set to the namespace's schema. */
    public String jdbcUrl(TestNamespace namespace) {
        return JdbcUrls.withSchema(backend.jdbcUrl(), namespace.dbSchema());
    }

    public String jdbcUser() {
        return backend.jdbcUser();
    }

    public String jdbcPassword() {
        return backend.jdbcPassword();
    }

    public DevIssuer issuer() {
        return issuer;
    }

    /** A fresh namespace with its PostgreSQL schema created; the hint only appears in the log. */
    public TestNamespace newNamespace(String hint) {
        TestNamespace namespace = TestNamespace.random();
        try (Connection connection = LocalBackend.connect(jdbcUrl(), jdbcUser(), jdbcPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + namespace.dbSchema());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + namespace.dbSchema() + " at " + jdbcUrl(), e);
        }
        created.add(namespace);
        log.info("Test namespace {} for {}", namespace.id(), hint);
        return namespace;
    }

    /**
     * The namespace of a test class, the same for the JUnit extension and the Spring context customizer. A
     * {@code @Nested} (inner) class shares its enclosing class's namespace, as it shares its test instance state.
     */
    public TestNamespace namespaceFor(Class<?> testClass) {
        Class<?> owner = testClass;
        while (ClassUtils.isInnerClass(owner)) {
            owner = owner.getEnclosingClass();
        }
        return namespacesByTestClass.computeIfAbsent(owner.getName(), this::newNamespace);
    }

    /** What a Spring Boot test context needs to use this infrastructure within {@code namespace}. */
    public Map<String, Object> springProperties(TestNamespace namespace) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.put("tta.kafka.topic-prefix", namespace.topicPrefix());
        properties.put("spring.data.redis.url", redisUri());
        properties.put("tta.redis.key-prefix", namespace.redisKeyPrefix());
        properties.put("spring.datasource.url", jdbcUrl(namespace));
        properties.put("spring.datasource.username", jdbcUser());
        properties.put("spring.datasource.password", jdbcPassword());
        properties.put("spring.flyway.schemas", namespace.dbSchema());
        properties.put("spring.flyway.default-schema", namespace.dbSchema());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.issuerUri().toString());
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.jwksUri().toString());
        properties.put("spring.security.oauth2.resourceserver.jwt.audiences", issuer.settings().audience());
        properties.put("tta.testkit.mode", mode().name());
        properties.put("tta.testkit.namespace", namespace.id());
        return Collections.unmodifiableMap(properties);
    }

    private void stop() {
        try {
            if (!Boolean.parseBoolean(Settings.get(Settings.KEEP_DATA, "false"))) {
                backend.cleanUp(created);
            }
        } finally {
            try {
                issuer.close();
            } finally {
                backend.close();
            }
        }
    }
}
