package org.tta.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class TopicCatalogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Expected(TopicId id, String name, Duration retention, CleanupPolicy policy) {
    }

    static Stream<Expected> standardTopics() {
        return Stream.of(
                new Expected(TopicId.SESSION_EVENTS, "tta.session.events.v1", Duration.ofDays(7), CleanupPolicy.DELETE),
                new Expected(TopicId.SAFETY_SCANS, "tta.safety.scans.v1", Duration.ofDays(7), CleanupPolicy.DELETE),
                new Expected(TopicId.SAFETY_ESCALATIONS, "tta.safety.escalations.v1", Duration.ofDays(30), CleanupPolicy.DELETE),
                new Expected(TopicId.AUDIT_RECORDS, "tta.audit.records.v1", Duration.ofDays(7), CleanupPolicy.DELETE),
                new Expected(TopicId.DELIVERIES, "tta.deliveries.v1", Duration.ofHours(24), CleanupPolicy.DELETE),
                new Expected(TopicId.SUBSCRIPTIONS, "tta.subscriptions.v1", null, CleanupPolicy.COMPACT),
                new Expected(TopicId.SESSION_EVENTS_DLQ, "tta.session.events.dlq.v1", Duration.ofDays(14), CleanupPolicy.DELETE),
                new Expected(TopicId.SAFETY_SCANS_DLQ, "tta.safety.scans.dlq.v1", Duration.ofDays(14), CleanupPolicy.DELETE),
                new Expected(TopicId.SAFETY_ESCALATIONS_DLQ, "tta.safety.escalations.dlq.v1", Duration.ofDays(14), CleanupPolicy.DELETE),
                new Expected(TopicId.AUDIT_RECORDS_DLQ, "tta.audit.records.dlq.v1", Duration.ofDays(14), CleanupPolicy.DELETE));
    }

    @ParameterizedTest
    @MethodSource("standardTopics")
    void standardCatalogHasTheDocumentedNameRetentionAndCleanup(Expected expected) {
        TopicSpec spec = TopicCatalog.standard().spec(expected.id());

        assertThat(spec.name()).isEqualTo(expected.name());
        assertThat(TopicCatalog.standard().name(expected.id())).isEqualTo(expected.name());
        assertThat(spec.retention()).isEqualTo(expected.retention());
        assertThat(spec.cleanupPolicy()).isEqualTo(expected.policy());
        assertThat(spec.writers()).isNotEmpty();
        assertThat(spec.readers()).isNotEmpty();
    }

    @Test
    void listsEveryTopicOnceInIdOrder() {
        assertThat(TopicCatalog.standard().all()).extracting(TopicSpec::id).containsExactly(TopicId.values());
    }

    @Test
    void keysPerSessionTopicsBySessionId() {
        TopicCatalog catalog = TopicCatalog.standard();

        assertThat(catalog.spec(TopicId.SESSION_EVENTS).key()).isEqualTo(KeyKind.SESSION_ID);
        assertThat(catalog.spec(TopicId.DELIVERIES).key()).isEqualTo(KeyKind.SESSION_ID);
        assertThat(catalog.spec(TopicId.AUDIT_RECORDS).key()).isEqualTo(KeyKind.SESSION_ID_OR_SUBJECT);
        assertThat(catalog.spec(TopicId.SUBSCRIPTIONS).key()).isEqualTo(KeyKind.SUBSCRIPTION_ID);
        assertThat(catalog.spec(TopicId.AUDIT_RECORDS_DLQ).key()).isEqualTo(KeyKind.AS_SOURCE);
    }

    @Test
    void prefixesEveryNameAndKeepsEverythingElse() {
        TopicCatalog prefixed = TopicCatalog.standard().withPrefix("it-42.");

        for (TopicSpec original : TopicCatalog.standard().all()) {
            TopicSpec spec = prefixed.spec(original.id());
            assertThat(spec.name()).isEqualTo("it-42." + original.name());
            assertThat(spec).isEqualTo(original.withName(spec.name()));
        }
        assertThat(prefixed.byName("it-42.tta.deliveries.v1")).map(TopicSpec::id).contains(TopicId.DELIVERIES);
    }

    @Test
    void emptyOrNullPrefixReturnsTheSameCatalog() {
        TopicCatalog standard = TopicCatalog.standard();

        assertThat(standard.withPrefix("")).isSameAs(standard);
        assertThat(standard.withPrefix(null)).isSameAs(standard);
    }

    @Test
    void rejectsAPrefixThatMakesIllegalTopicNames() {
        assertThatThrownBy(() -> TopicCatalog.standard().withPrefix("bad prefix/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a legal Kafka topic name");
    }

    @Test
    void topicConfigsCarryCleanupPolicyAndRetentionInMillis() {
        TopicCatalog catalog = TopicCatalog.standard();

        assertThat(catalog.topicConfigs(TopicId.DELIVERIES))
                .containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "delete", "retention.ms", "86400000"));
        assertThat(catalog.topicConfigs(TopicId.SAFETY_ESCALATIONS)).containsEntry("retention.ms", "2592000000");
        assertThat(catalog.topicConfigs(TopicId.SUBSCRIPTIONS))
                .containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void newTopicHasNamePartitionsReplicationAndConfigs() {
        NewTopic topic = TopicCatalog.standard().withPrefix("t1.").newTopic(TopicId.SESSION_EVENTS, 12, (short) 3);

        assertThat(topic.name()).isEqualTo("t1.tta.session.events.v1");
        assertThat(topic.numPartitions()).isEqualTo(12);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "604800000");
        assertThat(TopicCatalog.standard().newTopics(1, (short) 1)).hasSize(TopicId.values().length);
    }

    record Broken(String name, Consumer<ArrayNode> breakIt, String expectedMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Broken> brokenCatalogs() {
        return Stream.of(
                new Broken("duplicate topic", topics -> topics.add(topics.get(0).deepCopy()), "SESSION_EVENTS is listed more than once"),
                new Broken("missing topic", topics -> topics.remove(3), "AUDIT_RECORDS is missing"),
                new Broken("duplicate name", topics -> ((ObjectNode) topics.get(1)).put("name", "tta.session.events.v1"),
                        "'tta.session.events.v1' is used more than once"),
                new Broken("zero retention", topics -> ((ObjectNode) topics.get(0)).put("retention", "PT0S"), "retention must be positive"),
                new Broken("negative retention", topics -> ((ObjectNode) topics.get(0)).put("retention", "-P1D"), "retention must be positive"),
                new Broken("delete without retention", topics -> ((ObjectNode) topics.get(0)).putNull("retention"), "needs a retention"),
                new Broken("unknown id", topics -> ((ObjectNode) topics.get(0)).put("id", "NOPE"), "topics[0]: \"id\" 'NOPE' is not one of"),
                new Broken("bad retention", topics -> ((ObjectNode) topics.get(0)).put("retention", "7 days"), "not an ISO-8601 duration"),
                new Broken("illegal name", topics -> ((ObjectNode) topics.get(0)).put("name", "tta events"), "not a legal Kafka topic name"));
    }

    @ParameterizedTest
    @MethodSource("brokenCatalogs")
    void rejectsABrokenCatalogWithAClearMessage(Broken broken) throws Exception {
        ObjectNode root;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TopicCatalog.RESOURCE)) {
            root = (ObjectNode) JSON.readTree(in);
        }
        broken.breakIt().accept((ArrayNode) root.get("topics"));

        assertThatThrownBy(() -> TopicCatalog.fromJson(asStream(root.toString()), "test.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid topic catalog test.json")
                .hasMessageContaining(broken.expectedMessage());
    }

    @Test
    void rejectsACatalogResourceWithADuplicateTopic() {
        assertThatThrownBy(() -> TopicCatalog.fromResource("catalog/duplicate-topic.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalog/duplicate-topic.json")
                .hasMessageContaining("SESSION_EVENTS is listed more than once")
                .hasMessageContaining("is missing");
    }

    @Test
    void rejectsAMissingResourceAndNonJson() {
        assertThatThrownBy(() -> TopicCatalog.fromResource("catalog/nope.json"))
                .hasMessageContaining("not found on the classpath");
        assertThatThrownBy(() -> TopicCatalog.fromJson(asStream("{\"topics\": 1}"), "x"))
                .hasMessageContaining("no \"topics\" array");
        assertThatThrownBy(() -> TopicCatalog.fromJson(asStream("{"), "x"))
                .hasMessageContaining("not JSON");
    }

    private static InputStream asStream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
