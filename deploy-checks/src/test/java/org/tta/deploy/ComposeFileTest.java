package org.tta.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the build: services, ports, health checks, environment, Kafka version. */
class ComposeFileTest {

    static Map<String, Object> compose;
    static Map<String, Object> services;
    static Map<String, ServiceConfig> configs;

    @BeforeAll
    static void load() {
        compose = Repo.yaml(Repo.file("docker-compose.yml"));
        services = Maps.map(compose, "services");
        configs = ServiceConfig.all();
    }

    @Test
    void runsEveryServiceOfTheBuildAndNoServiceThatIsNotInIt() {
        assertThat(configs.keySet()).as("service modules found in the build")
                .containsExactlyInAnyOrder("gateway-service", "event-router", "safety-worker", "audit-sink");
        List<String> ours = services.entrySet().stream()
                .filter(e -> String.valueOf(Maps.string(e.getValue(), "image")).startsWith("tta/"))
                .map(Map.Entry::getKey).toList();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(configs.keySet());
        for (String name : ours) {
            assertThat(Maps.string(services.get(name), "image")).as("image of %s", name)
                    .isEqualTo("tta/" + configs.get(name).module() + ":" + projectVersion());
            assertThat(Repo.modules()).contains(configs.get(name).module());
            assertThat(Repo.read(Repo.file(configs.get(name).module() + "/pom.xml"))).as("%s builds its image (-Pimages)", name)
                    .contains("<jib.skip>false</jib.skip>");
        }
    }

    @Test
    void publishesEachServiceOnItsConfiguredPortAndChecksItsReadinessThere() {
        for (ServiceConfig config : configs.values()) {
            Object service = services.get(config.name());
            assertThat(Maps.list(service, "ports")).as("ports of %s", config.name())
                    .anySatisfy(port -> assertThat(port.toString()).endsWith(":" + config.port()));
            String healthcheck = String.join(" ", Maps.list(service, "healthcheck", "test").stream().map(Object::toString).toList());
            assertThat(healthcheck).as("healthcheck of %s", config.name())
                    .contains("localhost/" + config.port()).contains("/actuator/health/readiness");
            assertThat(config.properties()).as("%s exposes the readiness group", config.file())
                    .containsEntry("management.endpoint.health.probes.enabled", true)
                    .containsKey("management.endpoint.health.group.readiness.include");
        }
    }

    @Test
    void setsOnlyEnvironmentVariablesTheServicesBind() {
        List<String> unbound = new ArrayList<>();
        for (ServiceConfig config : configs.values()) {
            for (String variable : Maps.map(services.get(config.name()), "environment").keySet()) {
                if (!config.binds(variable)) {
                    unbound.add(config.name() + ": " + variable);
                }
            }
        }
        assertThat(unbound).as("variables that set no property of their service").isEmpty();
    }

    @Test
    void pointsEveryServiceAtAllThreeBrokersAndItsBackingStores() {
        for (ServiceConfig config : configs.values()) {
            Map<String, Object> environment = Maps.map(services.get(config.name()), "environment");
            assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").toString().split(","))
                    .containsExactlyInAnyOrder("kafka-1:9092", "kafka-2:9092", "kafka-3:9092");
            if (config.properties().containsKey("spring.data.redis.url")) {
                assertThat(environment).containsKey("SPRING_DATA_REDIS_URL");
            }
            if (config.properties().containsKey("spring.datasource.url")) {
                assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD");
            }
        }
    }

    @Test
    void startsEachServiceOnlyAfterWhatItDependsOnIsHealthy() {
        services.forEach((name, service) -> Maps.map(service, "depends_on").forEach((dependency, condition) -> {
            assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
            String wanted = Maps.string(condition, "condition");
            assertThat(wanted).as("condition of %s on %s", name, dependency).isIn("service_healthy", "service_started");
            if (wanted.equals("service_healthy")) {
                assertThat(Maps.map(services.get(dependency), "healthcheck")).as("healthcheck of %s", dependency).isNotEmpty();
            }
        }));
        for (ServiceConfig config : configs.values()) {
            Map<String, Object> dependsOn = Maps.map(services.get(config.name()), "depends_on");
            for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
                assertThat(Maps.string(dependsOn, broker, "condition")).as("%s on %s", config.name(), broker)
                        .isEqualTo("service_healthy");
            }
        }
    }

    @Test
    void runsAThreeNodeKraftClusterOfTheBuildsKafkaVersion() {
        List<String> brokers = services.entrySet().stream()
                .filter(e -> String.valueOf(Maps.string(e.getValue(), "image")).startsWith("apache/kafka:"))
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
        for (String broker : brokers) {
            Object service = services.get(broker);
            assertThat(Maps.string(service, "image")).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
            Map<String, Object> environment = Maps.map(service, "environment");
            assertThat(environment.get("KAFKA_PROCESS_ROLES").toString()).contains("controller").contains("broker");
            assertThat(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS").toString().split(",")).hasSize(3);
            assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains(broker + ":9092");
            assertThat(Integer.parseInt(environment.get("KAFKA_MIN_INSYNC_REPLICAS").toString())).isEqualTo(2);
        }
        assertThat(brokers.stream().map(b -> Maps.string(services.get(b), "environment", "KAFKA_NODE_ID"))
                .collect(Collectors.toSet())).hasSize(3);
    }

    @Test
    void runsTheObservabilityStackWithTheFilesOfThisRepository() {
        assertThat(services).containsKeys("prometheus", "grafana", "otel-collector", "jaeger", "redis", "postgres");
        for (String service : List.of("prometheus", "grafana", "otel-collector")) {
            for (Object volume : Maps.list(services.get(service), "volumes")) {
                String source = volume.toString().split(":")[0];
                Repo.file(source.replaceFirst("^\\./", ""));
            }
        }
    }

    static String projectVersion() {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                "<artifactId>tta-gateway-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(Repo.read(Repo.file("pom.xml")));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
