package org.tta.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Kafka, Redis and PostgreSQL in containers that live as long as this JVM (Ryuk removes them if it dies). */
final class DockerBackend implements Backend {

    private static final int REDIS_PORT = 6379;

    private final KafkaContainer kafka;
    private final GenericContainer<?> redis;
    private final PostgreSQLContainer postgres;

    private DockerBackend(KafkaContainer kafka, GenericContainer<?> redis, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.redis = redis;
        this.postgres = postgres;
    }

    /** Starts the three containers in parallel; images can be overridden for mirrors or upgrades. */
    static DockerBackend start() {
        KafkaContainer kafka = new KafkaContainer(image(Settings.KAFKA_IMAGE, "apache/kafka-native:4.1.0", "apache/kafka"));
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(
                Settings.get(Settings.REDIS_IMAGE, "redis:7-alpine"))).withExposedPorts(REDIS_PORT);
        PostgreSQLContainer postgres = new PostgreSQLContainer(image(Settings.POSTGRES_IMAGE, "postgres:17-alpine",
                "postgres"));
        try {
            Startables.deepStart(kafka, redis, postgres).join();
        } catch (RuntimeException e) {
            kafka.stop();
            redis.stop();
            postgres.stop();
            throw new IllegalStateException("Could not start the test containers: " + e.getMessage() + " ("
                    + Settings.MODE + "=local uses an in-JVM broker and the local Redis and PostgreSQL instead)", e);
        }
        return new DockerBackend(kafka, redis, postgres);
    }

    /** An image name; one from another registry is declared a stand-in for the official one. */
    private static DockerImageName image(String setting, String fallback, String official) {
        DockerImageName image = DockerImageName.parse(Settings.get(setting, fallback));
        return image.getUnversionedPart().startsWith(official) ? image : image.asCompatibleSubstituteFor(official);
    }

    @Override
    public TestInfrastructure.Mode mode() {
        return TestInfrastructure.Mode.DOCKER;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String redisUri() {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(REDIS_PORT);
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public String jdbcUser() {
        return postgres.getUsername();
    }

    @Override
    public String jdbcPassword() {
        return postgres.getPassword();
    }

    @Override
    public void close() {
        kafka.stop();
        redis.stop();
        postgres.stop();
    }
}
