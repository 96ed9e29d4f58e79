package org.tta.schemas.topics;

import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks the catalog JSON; collects every problem so that one run shows them all. */
final class TopicCatalogReader {

    // Kafka's own rule (org.apache.kafka.common.internals.Topic): legal characters, at most 249 of them.
    private static final Pattern LEGAL_TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TopicCatalogReader() {
    }

    static Map<TopicId, TopicSpec> read(InputStream json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Invalid topic catalog " + source + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode topics = root == null ? null : root.get("topics");
        if (topics == null || !topics.isArray()) {
            throw new IllegalArgumentException("Invalid topic catalog " + source + ": no \"topics\" array");
        }
        List<String> problems = new ArrayList<>();
        List<TopicSpec> specs = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            try {
                specs.add(toSpec(topics.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add("topics[" + i + "]: " + e.getMessage());
            }
        }
        Map<TopicId, TopicSpec> byId = check(specs, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid topic catalog " + source + ": " + String.join("; ", problems));
        }
        return byId;
    }

    /** Checks a complete set of specs; also used after a prefix has been applied. */
    static Map<TopicId, TopicSpec> check(List<TopicSpec> specs, List<String> problems) {
        Map<TopicId, TopicSpec> byId = new EnumMap<>(TopicId.class);
        Set<String> names = new HashSet<>();
        for (TopicSpec spec : specs) {
            if (byId.putIfAbsent(spec.id(), spec) != null) {
                problems.add("topic " + spec.id() + " is listed more than once");
            }
            if (!names.add(spec.name())) {
                problems.add("topic name '" + spec.name() + "' is used more than once");
            }
            checkOne(spec, problems);
        }
        for (TopicId id : TopicId.values()) {
            if (!byId.containsKey(id)) {
                problems.add("topic " + id + " is missing");
            }
        }
        return byId;
    }

    private static void checkOne(TopicSpec spec, List<String> problems) {
        String name = spec.name();
        if (!LEGAL_TOPIC_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            problems.add("topic " + spec.id() + ": '" + name + "' is not a legal Kafka topic name");
        }
        if (spec.retention() != null && (spec.retention().isNegative() || spec.retention().isZero())) {
            problems.add("topic " + spec.id() + ": retention must be positive");
        }
        if (spec.retention() == null && spec.cleanupPolicy() == CleanupPolicy.DELETE) {
            problems.add("topic " + spec.id() + ": a delete topic needs a retention");
        }
        if (spec.writers().isEmpty() || spec.readers().isEmpty()) {
            problems.add("topic " + spec.id() + ": writers and readers must not be empty");
        }
    }

    private static TopicSpec toSpec(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        return new TopicSpec(enumValue(TopicId.class, node, "id"), text(node, "name"), enumValue(KeyKind.class, node, "key"),
                retention(node.get("retention")), CleanupPolicy.fromKafkaValue(text(node, "cleanupPolicy")),
                strings(node, "writers"), strings(node, "readers"),
                node.hasNonNull("description") ? node.get("description").asString() : "");
    }

    private static Duration retention(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Duration.parse(node.asString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("retention '" + node.asString() + "' is not an ISO-8601 duration such as P7D");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-blank string");
        }
        return value.asString();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        value.forEach(item -> result.add(item.asString()));
        return result;
    }
}
