package org.tta.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicSpec;

/** k8s/ (base and each overlay, rendered offline) against the build, the services' files and the topic catalog. */
class KubernetesManifestsTest {

    static final Map<String, ServiceConfig> CONFIGS = ServiceConfig.all();
    static final TopicCatalog CATALOG = TopicCatalog.standard();

    static Stream<String> layouts() {
        return Stream.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod");
    }

    static Manifests render(String layout) {
        return new Manifests(Kustomize.build(Repo.file(layout)));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void deploysEveryServiceOfTheBuildOnItsConfiguredPortWithProbesOnTheActuatorGroups(String layout) {
        Manifests manifests = render(layout);
        assertThat(manifests.names("Deployment")).containsExactlyInAnyOrderElementsOf(CONFIGS.keySet());
        for (ServiceConfig config : CONFIGS.values()) {
            Map<String, Object> container = manifests.container(config.name());
            assertThat(Maps.string(container, "image")).startsWith("tta/" + config.module() + ":");
            assertThat(Maps.list(container, "ports")).singleElement().satisfies(port -> {
                assertThat(Maps.at(port, "containerPort")).isEqualTo(config.port());
                assertThat(Maps.string(port, "name")).isEqualTo("http");
            });
            assertThat(Maps.string(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(Maps.string(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(Maps.string(container, "startupProbe", "httpGet", "path")).startsWith("/actuator/health/");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(Maps.string(container, probe, "httpGet", "port")).isEqualTo("http");
            }
            assertThat(config.properties()).containsEntry("management.endpoint.health.probes.enabled", true);
            Map<String, Object> service = manifests.named("Service", config.name());
            assertThat(Maps.list(service, "spec", "ports")).singleElement()
                    .satisfies(port -> assertThat(Maps.at(port, "port")).isEqualTo(config.port()));
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void runsEveryContainerNonRootReadOnlyWithRequestsAndLimits(String layout) {
        Manifests manifests = render(layout);
        for (String name : manifests.names("Deployment")) {
            Map<String, Object> pod = Maps.map(manifests.named("Deployment", name), "spec", "template", "spec");
            assertThat(Maps.at(pod, "securityContext", "runAsNonRoot")).as(name).isEqualTo(true);
            Map<String, Object> container = manifests.container(name);
            assertThat(Maps.at(container, "securityContext", "readOnlyRootFilesystem")).as(name).isEqualTo(true);
            assertThat(Maps.at(container, "securityContext", "allowPrivilegeEscalation")).as(name).isEqualTo(false);
            assertThat(Maps.list(container, "securityContext", "capabilities", "drop")).as(name).contains("ALL");
            for (String kind : List.of("requests", "limits")) {
                assertThat(Maps.map(container, "resources", kind)).as("%s %s", name, kind).containsKeys("cpu", "memory");
            }
            assertThat(Maps.list(container, "volumeMounts")).as("%s writable /tmp", name)
                    .anySatisfy(mount -> assertThat(Maps.string(mount, "mountPath")).isEqualTo("/tmp"));
            assertThat(manifests.names("PodDisruptionBudget")).as("PDB of %s", name).contains(name);
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void setsOnlyEnvironmentVariablesTheServicesBindAndKeepsSecretsInSecrets(String layout) {
        Manifests manifests = render(layout);
        for (ServiceConfig config : CONFIGS.values()) {
            Map<String, Object> container = manifests.container(config.name());
            Set<String> variables = new HashSet<>();
            for (Object entry : Maps.list(container, "env")) {
                String variable = Maps.string(entry, "name");
                variables.add(variable);
                if (variable.contains("PASSWORD") || variable.contains("SECRET") || variable.equals("SPRING_DATA_REDIS_URL")) {
                    assertThat(Maps.string(entry, "valueFrom", "secretKeyRef", "name")).as("%s of %s", variable, config.name()).isNotNull();
                }
            }
            for (Object source : Maps.list(container, "envFrom")) {
                String configMap = Maps.string(source, "configMapRef", "name");
                variables.addAll(Maps.map(manifests.named("ConfigMap", configMap), "data").keySet());
            }
            assertThat(variables).as("variables of %s", config.name())
                    .allSatisfy(variable -> assertThat(config.binds(variable)).as("%s binds %s", config.name(), variable).isTrue())
                    .contains("SPRING_KAFKA_BOOTSTRAP_SERVERS");
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void letsOnlyTheGatewayTakeTrafficFromOutside(String layout) {
        Manifests manifests = render(layout);
        assertThat(manifests.names("NetworkPolicy")).contains("default-deny-ingress");
        Set<String> open = new HashSet<>();
        for (Map<String, Object> policy : manifests.all("NetworkPolicy")) {
            String target = Maps.string(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name");
            for (Object rule : Maps.list(policy, "spec", "ingress")) {
                if (Maps.list(rule, "from").isEmpty()) {
                    open.add(target);
                }
            }
        }
        assertThat(open).containsExactly("gateway-service");
        assertThat(manifests.all("HorizontalPodAutoscaler")).singleElement()
                .satisfies(hpa -> assertThat(Maps.string(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("gateway-service"));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void scalesEachWorkerOnTheLagOfItsGroupOnItsTopicsNeverBeyondTheirPartitions(String layout) {
        Manifests manifests = render(layout);
        Map<String, Integer> partitions = new HashMap<>();
        manifests.all("KafkaTopic").forEach(topic -> partitions.put(Maps.string(topic, "spec", "topicName"),
                (Integer) Maps.at(topic, "spec", "partitions")));
        List<ServiceConfig> workers = CONFIGS.values().stream().filter(c -> c.groupId() != null).toList();
        assertThat(workers).extracting(ServiceConfig::name).containsExactlyInAnyOrder("event-router", "safety-worker", "audit-sink");
        assertThat(manifests.names("ScaledObject")).containsExactlyInAnyOrderElementsOf(workers.stream().map(ServiceConfig::name).toList());
        for (ServiceConfig worker : workers) {
            Map<String, Object> scaled = manifests.named("ScaledObject", worker.name());
            assertThat(Maps.string(scaled, "spec", "scaleTargetRef", "name")).isEqualTo(worker.name());
            int max = (Integer) Maps.at(scaled, "spec", "maxReplicaCount");
            Set<String> topics = new HashSet<>();
            for (Object trigger : Maps.list(scaled, "spec", "triggers")) {
                assertThat(Maps.string(trigger, "type")).isEqualTo("kafka");
                assertThat(Maps.string(trigger, "metadata", "consumerGroup")).isEqualTo(worker.groupId());
                assertThat(Maps.string(trigger, "metadata", "allowIdleConsumers")).isEqualTo("false");
                assertThat(Integer.parseInt(Maps.string(trigger, "metadata", "lagThreshold"))).isPositive();
                String topic = Maps.string(trigger, "metadata", "topic");
                topics.add(topic);
                assertThat(partitions).as("KafkaTopic for %s", topic).containsKey(topic);
                assertThat(max).as("%s maxReplicaCount against partitions of %s", worker.name(), topic)
                        .isLessThanOrEqualTo(partitions.get(topic));
            }
            assertThat(topics).as("topics %s reads per the catalog", worker.name())
                    .containsExactlyInAnyOrderElementsOf(CATALOG.all().stream()
                            .filter(t -> t.readers().contains(worker.name())).map(TopicSpec::name).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void declaresExactlyTheCatalogsTopicsWithItsRetentionAndCleanupPolicy(String layout) {
        Manifests manifests = render(layout);
        Map<String, Map<String, Object>> topics = new HashMap<>();
        manifests.all("KafkaTopic").forEach(topic -> topics.put(Maps.string(topic, "spec", "topicName"), topic));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(CATALOG.all().stream().map(TopicSpec::name).toList());
        int brokers = manifests.all("KafkaNodePool").stream()
                .filter(pool -> Maps.list(pool, "spec", "roles").contains("broker"))
                .mapToInt(pool -> (Integer) Maps.at(pool, "spec", "replicas")).sum();
        for (TopicSpec spec : CATALOG.all()) {
            Map<String, Object> topic = topics.get(spec.name());
            assertThat(Maps.string(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("tta");
            Map<String, Object> config = Maps.map(topic, "spec", "config");
            assertThat(config.get("cleanup.policy")).as(spec.name()).isEqualTo(spec.cleanupPolicy().name().toLowerCase());
            Duration retention = spec.retention();
            if (retention != null) {
                assertThat(((Number) config.get("retention.ms")).longValue()).as(spec.name()).isEqualTo(retention.toMillis());
            } else {
                assertThat(config).as(spec.name()).doesNotContainKey("retention.ms");
            }
            int replicas = (Integer) Maps.at(topic, "spec", "replicas");
            assertThat(replicas).as("replicas of %s", spec.name()).isLessThanOrEqualTo(brokers);
            assertThat(((Number) config.get("min.insync.replicas")).intValue()).as(spec.name())
                    .isLessThanOrEqualTo(replicas).isLessThan(Math.max(2, replicas));
        }
    }

    @Test
    void runsKraftWithTheBuildsKafkaVersion() {
        Map<String, Object> kafka = render("k8s/base").named("Kafka", "tta");
        assertThat(Maps.string(kafka, "spec", "kafka", "version")).isEqualTo(AppInfoParser.getVersion());
        assertThat(Maps.string(kafka, "metadata", "annotations", "strimzi.io/kraft")).isEqualTo("enabled");
        assertThat(Maps.string(render("k8s/overlays/prod").named("Kafka", "tta"), "spec", "kafka", "config",
                "min.insync.replicas")).isEqualTo("2");
    }

    /** The rendered documents of one layout, by kind and name. */
    record Manifests(List<Map<String, Object>> documents) {

        List<Map<String, Object>> all(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        List<String> names(String kind) {
            return all(kind).stream().map(d -> Maps.string(d, "metadata", "name")).toList();
        }

        Map<String, Object> named(String kind, String name) {
            return all(kind).stream().filter(d -> name.equals(Maps.string(d, "metadata", "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
        }

        Map<String, Object> container(String deployment) {
            List<Object> containers = Maps.list(named("Deployment", deployment), "spec", "template", "spec", "containers");
            assertThat(containers).as("containers of %s", deployment).hasSize(1);
            return Maps.map(containers.getFirst());
        }
    }
}
