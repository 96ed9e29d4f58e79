package org.tta.audit.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.tta.schemas.json.TtaJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes message text out of an event payload: every string property, at any depth, whose name is
 * one of {@link #NAMES}. What is taken out is keyed by its JSON pointer and goes to the encrypted
 * column; the rest stays in the queryable payload.
 */
final class PhiFields {

    /** Property names that carry a participant's words in TTA payloads. */
    static final Set<String> NAMES = Set.of("content", "text", "messageText", "message", "excerpt", "quote",
            "snippet", "evidence");

    private PhiFields() {
    }

    /** Removes the text properties from {@code payload} (in place) and returns them by pointer, in document order. */
    static Map<String, String> extract(ObjectNode payload) {
        Map<String, String> removed = new LinkedHashMap<>();
        walk(payload, "", removed);
        return removed;
    }

    private static void walk(JsonNode node, String pointer, Map<String, String> removed) {
        if (node instanceof ObjectNode object) {
            for (String name : new java.util.ArrayList<>(object.propertyNames())) {
                JsonNode child = object.get(name);
                String childPointer = pointer + "/" + TtaJson.escapePointerSegment(name);
                if (NAMES.contains(name) && child.isString()) {
                    removed.put(childPointer, child.asString());
                    object.remove(name);
                } else {
                    walk(child, childPointer, removed);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), pointer + "/" + i, removed);
            }
        }
    }
}
