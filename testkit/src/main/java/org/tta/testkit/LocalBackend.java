package org.tta.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Kafka's own KRaft broker inside this JVM, plus the Redis and PostgreSQL servers already running on this machine. */
final class LocalBackend implements Backend {

    private static final Logger log = LoggerFactory.getLogger(LocalBackend.class);

    private final EmbeddedKafkaKraftBroker kafka;
    private final String redisUri;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;

    private LocalBackend(EmbeddedKafkaKraftBroker kafka, String redisUri, String jdbcUrl, String user, String password) {
        this.kafka = kafka;
        this.redisUri = redisUri;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = user;
        this.jdbcPassword = password;
    }

    /** Checks Redis and PostgreSQL first (fast, and the usual thing missing), then starts the broker. */
    static LocalBackend start() {
        String redisUri = Settings.get(Settings.REDIS_URL, "redis://127.0.0.1:6379");
        String jdbcUrl = Settings.get(Settings.JDBC_URL, "jdbc:postgresql://127.0.0.1:5432/test");
        String user = Settings.get(Settings.JDBC_USER, "postgres");
        String password = Settings.get(Settings.JDBC_PASSWORD, "");
        checkRedis(redisUri);
        checkPostgres(jdbcUrl, user, password);
        return new LocalBackend(startKafka(), redisUri, jdbcUrl, user, password);
    }

    private static EmbeddedKafkaKraftBroker startKafka() {
        long started = System.nanoTime();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "auto.create.topics.enable", "true",
                // The internal topics default to 50 partitions each; a few are plenty for tests and start faster.
                "offsets.topic.num.partitions", "4",
                "transaction.state.log.num.partitions", "4"));
        // By default it would also set the system property spring.kafka.bootstrap-servers, which every Spring
        // context in the JVM would then see; test contexts get the address from TtaContextCustomizer instead.
        broker.brokerListProperty("tta.testkit.kafka.bootstrap-servers");
        broker.afterPropertiesSet();
        log.info("In-JVM Kafka broker at {} started in {} ms", broker.getBrokersAsString(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return broker;
    }

    static void checkRedis(String uri) {
        RedisClient client = null;
        try {
            RedisURI redisUri = RedisURI.create(uri);
            redisUri.setTimeout(Duration.ofSeconds(3));
            client = RedisClient.create(redisUri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().ping();
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis does not answer at " + uri + " (set " + Settings.REDIS_URL
                    + " to use another): " + reason(e) + ". Start a local Redis with: redis-server"
                    + " --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no"
                    + " (or run where a Docker engine answers, " + Settings.MODE + "=docker)", e);
        } finally {
            shutdown(client);
        }
    }

    static void checkPostgres(String url, String user, String password) {
        try (Connection ignored = connect(url, user, password)) {
            // connecting is the check
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not answer at " + url + " as " + user + " (set "
                    + Settings.JDBC_URL + ", " + Settings.JDBC_USER + " and " + Settings.JDBC_PASSWORD
                    + " to use another): " + reason(e) + ". Start the local cluster with: pg_ctlcluster"
                    + " --skip-systemctl-redirect $(ls /etc/postgresql) main start (or run where a Docker engine"
                    + " answers, " + Settings.MODE + "=docker)", e);
        }
    }

    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public TestInfrastructure.Mode mode() {
        return TestInfrastructure.Mode.LOCAL;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String redisUri() {
        return redisUri;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String jdbcUser() {
        return jdbcUser;
    }

    @Override
    public String jdbcPassword() {
        return jdbcPassword;
    }

    /** The local servers outlive the run, so drop the schemas and keys it created; the broker dies with the JVM. */
    @Override
    public void cleanUp(Collection<TestNamespace> namespaces) {
        if (namespaces.isEmpty()) {
            return;
        }
        dropSchemas(namespaces);
        deleteKeys(namespaces);
    }

    private void dropSchemas(Collection<TestNamespace> namespaces) {
        try (Connection connection = connect(jdbcUrl, jdbcUser, jdbcPassword);
                Statement statement = connection.createStatement()) {
            // Application contexts may still be closing; never wait long for their locks.
            statement.execute("SET lock_timeout = '2s'");
            for (TestNamespace namespace : namespaces) {
                statement.execute("DROP SCHEMA IF EXISTS " + namespace.dbSchema() + " CASCADE");
            }
        } catch (SQLException e) {
            log.debug("Could not drop test schemas: {}", e.getMessage());
        }
    }

    private void deleteKeys(Collection<TestNamespace> namespaces) {
        RedisClient client = null;
        try {
            client = RedisClient.create(redisUri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                for (TestNamespace namespace : namespaces) {
                    ScanArgs match = ScanArgs.Builder.matches(namespace.redisKeyPrefix() + "*").limit(500);
                    KeyScanCursor<String> cursor = redis.scan(match);
                    while (true) {
                        if (!cursor.getKeys().isEmpty()) {
                            redis.unlink(cursor.getKeys().toArray(String[]::new));
                        }
                        if (cursor.isFinished()) {
                            break;
                        }
                        cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.debug("Could not delete test keys: {}", e.getMessage());
        } finally {
            shutdown(client);
        }
    }

    @Override
    public void close() {
        kafka.destroy();
    }

    private static void shutdown(RedisClient client) {
        if (client != null) {
            // The default quiet period would hold every start and stop for two seconds.
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
