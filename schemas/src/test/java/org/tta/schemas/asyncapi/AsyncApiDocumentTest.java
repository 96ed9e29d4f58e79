package org.tta.schemas.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicSpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Keeps the AsyncAPI document in step with the topic catalog, the event types and the schema files. */
class AsyncApiDocumentTest {

    private static final String RESOURCE = "asyncapi/asyncapi.yaml";
    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = resource(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            document = YAMLMapper.builder().build().readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(document.get("defaultContentType").asString()).isEqualTo("application/json");
    }

    static List<TopicSpec> topics() {
        return TopicCatalog.standard().all();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void describesEveryCatalogTopicAsAChannelWithItsRetention(TopicSpec topic) {
        JsonNode channel = channelOf(topic);
        JsonNode configuration = channel.at("/bindings/kafka/topicConfiguration");

        assertThat(configuration.get("cleanup.policy").get(0).asString()).isEqualTo(topic.cleanupPolicy().kafkaValue());
        if (topic.retention() == null) {
            assertThat(configuration.has("retention.ms")).isFalse();
        } else {
            assertThat(configuration.get("retention.ms").asLong()).isEqualTo(topic.retention().toMillis());
        }
    }

    @ParameterizedTest
    @MethodSource("topics")
    void hasASendOperationForEveryWriterAndAReceiveOperationForEveryReader(TopicSpec topic) {
        String channelRef = "#/channels/" + channelKeyOf(topic);

        assertThat(servicesOf("send", channelRef)).containsExactlyInAnyOrderElementsOf(topic.writers());
        assertThat(servicesOf("receive", channelRef)).containsExactlyInAnyOrderElementsOf(topic.readers());
    }

    @Test
    void hasNoChannelOutsideTheCatalog() {
        assertThat(document.get("channels").valueStream().map(channel -> channel.get("address").asString()))
                .containsExactlyInAnyOrderElementsOf(topics().stream().map(TopicSpec::name).toList());
    }

    @ParameterizedTest
    @MethodSource("org.tta.schemas.events.EventTypesTest#declaredTypes")
    void describesEveryEventTypeAsAMessageWithItsDataSchema(String type) {
        JsonNode message = document.get("components").get("messages").valueStream()
                .filter(candidate -> candidate.get("name").asString().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no message named " + type));

        assertThat(message.at("/headers/allOf/1/properties/ce_type/const").asString()).isEqualTo(type);
        String dataSchema = EventTypes.schemaOf(type).orElseThrow().id().toString();
        assertThat(message.at("/headers/allOf/1/properties/ce_dataschema/const").asString()).isEqualTo(dataSchema);
        assertThat(message.at("/payload/schema/$ref").asString()).isEqualTo("../" + EventTypes.schemaOf(type).orElseThrow().resourcePath());
    }

    static Stream<String> refs() {
        List<String> refs = new ArrayList<>();
        collectRefs(document == null ? readQuietly() : document, refs);
        return refs.stream().distinct();
    }

    @ParameterizedTest
    @MethodSource("refs")
    void everyRefPointsToSomethingThatExists(String ref) throws IOException {
        String path = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
        String fragment = ref.contains("#") ? ref.substring(ref.indexOf('#') + 1) : "";
        JsonNode target = document;
        if (!path.isEmpty()) {
            String resourcePath = URI.create(RESOURCE).resolve(path).toString();
            try (InputStream in = resource(resourcePath)) {
                assertThat(in).as(ref + " -> " + resourcePath).isNotNull();
                target = JsonMapper.builder().build().readTree(in);
            }
        }
        assertThat(target.at(fragment).isMissingNode()).as(ref).isFalse();
    }

    private List<String> servicesOf(String action, String channelRef) {
        List<String> services = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : document.get("operations").properties()) {
            JsonNode node = operation.getValue();
            if (node.get("action").asString().equals(action) && node.at("/channel/$ref").asString().equals(channelRef)) {
                node.get("x-tta-services").forEach(service -> services.add(service.asString()));
            }
        }
        return services;
    }

    private static JsonNode channelOf(TopicSpec topic) {
        return document.get("channels").get(channelKeyOf(topic));
    }

    private static String channelKeyOf(TopicSpec topic) {
        for (Map.Entry<String, JsonNode> channel : document.get("channels").properties()) {
            if (channel.getValue().get("address").asString().equals(topic.name())) {
                return channel.getKey();
            }
        }
        throw new AssertionError("no channel with address " + topic.name());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (property.getKey().equals("$ref")) {
                    refs.add(property.getValue().asString());
                } else {
                    collectRefs(property.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    // @MethodSource factories may run before @BeforeAll.
    private static JsonNode readQuietly() {
        try {
            readDocument();
            return document;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String path) {
        return AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(path);
    }
}
