package org.tta.schemas.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Compiles CloudEvents Subscriptions API filter expressions (spec section 3.2.4): the required
 * dialects {@code exact}, {@code prefix}, {@code suffix}, {@code all}, {@code any} and {@code not},
 * and the optional {@code sql} dialect (CloudEvents SQL, see {@link SqlFilter}).
 * A filter on an attribute the event does not carry does not match.
 */
public final class Filters {

    /** The dialects {@link #compile} accepts. */
    public static final Set<String> DIALECTS = Set.of("exact", "prefix", "suffix", "all", "any", "not", "sql");

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final int MAX_DEPTH = 8;

    private Filters() {
    }

    /** All of {@code filters} (a JSON array, or null for none) must match; the top level of a subscription. */
    public static Filter compileAll(JsonNode filters) {
        if (filters == null || filters.isNull()) {
            return Filter.ALWAYS;
        }
        if (!filters.isArray()) {
            throw new UnsupportedFilterException("", "filters must be an array of filter expressions");
        }
        List<Filter> compiled = list(filters, "", 0);
        return compiled.isEmpty() ? Filter.ALWAYS : all(compiled);
    }

    /** One filter expression: an object with exactly one dialect key. */
    public static Filter compile(JsonNode expression) {
        return compile(expression, "", 0);
    }

    private static Filter compile(JsonNode expression, String pointer, int depth) {
        if (depth > MAX_DEPTH) {
            throw new UnsupportedFilterException(pointer, "filters nest deeper than " + MAX_DEPTH);
        }
        if (expression == null || !expression.isObject() || expression.size() != 1) {
            throw new UnsupportedFilterException(pointer, "a filter expression is an object with exactly one dialect");
        }
        Map.Entry<String, JsonNode> entry = expression.properties().iterator().next();
        String dialect = entry.getKey();
        String at = pointer + "/" + dialect;
        JsonNode body = entry.getValue();
        return switch (dialect) {
            case "exact" -> attributes(body, at, String::equals);
            case "prefix" -> attributes(body, at, String::startsWith);
            case "suffix" -> attributes(body, at, String::endsWith);
            case "all" -> all(nonEmptyList(body, at, depth));
            case "any" -> any(nonEmptyList(body, at, depth));
            case "not" -> not(compile(body, at, depth + 1));
            case "sql" -> SqlFilter.compile(body, at);
            default -> throw new UnsupportedFilterException(at, "unsupported filter dialect '" + safe(dialect)
                    + "'; supported: " + DIALECTS.stream().sorted().toList());
        };
    }

    private static Filter attributes(JsonNode body, String pointer, BiPredicate<String, String> test) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw new UnsupportedFilterException(pointer, "expects an object of attribute names to string values");
        }
        List<Filter> checks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> attribute : body.properties()) {
            String name = attribute.getKey();
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                throw new UnsupportedFilterException(pointer, "attribute names are 1 to 20 lower-case letters or digits");
            }
            if (!attribute.getValue().isString() || attribute.getValue().asString().isEmpty()) {
                throw new UnsupportedFilterException(pointer + "/" + name, "expects a non-empty string");
            }
            String expected = attribute.getValue().asString();
            checks.add(event -> {
                String actual = Attributes.value(event, name);
                return actual != null && test.test(actual, expected);
            });
        }
        return all(checks);
    }

    private static List<Filter> nonEmptyList(JsonNode body, String pointer, int depth) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw new UnsupportedFilterException(pointer, "expects a non-empty array of filter expressions");
        }
        return list(body, pointer, depth + 1);
    }

    private static List<Filter> list(JsonNode array, String pointer, int depth) {
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            filters.add(compile(array.get(i), pointer + "/" + i, depth));
        }
        return filters;
    }

    private static Filter all(List<Filter> filters) {
        Filter[] copy = filters.toArray(Filter[]::new);
        return event -> {
            for (Filter filter : copy) {
                if (!filter.matches(event)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Filter any(List<Filter> filters) {
        Filter[] copy = filters.toArray(Filter[]::new);
        return event -> {
            for (Filter filter : copy) {
                if (filter.matches(event)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Filter not(Filter filter) {
        return event -> !filter.matches(event);
    }

    // A dialect name comes from the caller: keep only a short, printable form in messages.
    private static String safe(String dialect) {
        String printable = dialect.replaceAll("[^A-Za-z0-9_-]", "?");
        return printable.length() > 20 ? printable.substring(0, 20) + "..." : printable;
    }
}
