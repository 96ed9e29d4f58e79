package org.tta.deploy;

import java.util.List;
import java.util.Map;

/** Navigation in parsed YAML/JSON trees. */
final class Maps {

    private Maps() {
    }

    /** The value at a dotted path of map keys (a key may itself hold dots when quoted as one segment), or null. */
    static Object at(Object tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object tree, String... keys) {
        Object value = at(tree, keys);
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object tree, String... keys) {
        Object value = at(tree, keys);
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    static String string(Object tree, String... keys) {
        Object value = at(tree, keys);
        return value == null ? null : value.toString();
    }
}
