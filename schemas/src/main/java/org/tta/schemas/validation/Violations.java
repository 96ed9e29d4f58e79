package org.tta.schemas.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.tta.schemas.json.TtaJson;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import tools.jackson.databind.JsonNode;

/**
 * Turns validator errors into {@link Violation}s. Messages are written here from the keyword and
 * the schema, never taken from the library: its arguments can carry the submitted value (a
 * {@code format} error does), and the submitted value may be PHI.
 */
final class Violations {

    private Violations() {
    }

    static List<Violation> of(List<Error> errors) {
        List<Violation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(of(error));
        }
        return List.copyOf(violations);
    }

    static Violation of(Error error) {
        String pointer = pointer(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode schema = error.getSchemaNode();
        return switch (keyword) {
            // These report on the object; pointing at the property itself is what a client needs.
            case "required" -> new Violation(child(pointer, error.getProperty()), "is required");
            case "additionalProperties", "unevaluatedProperties" ->
                    new Violation(child(pointer, error.getProperty()), "is not allowed");
            default -> new Violation(pointer, message(error, keyword, schema));
        };
    }

    private static String message(Error error, String keyword, JsonNode schema) {
        if (error.isCustomMessage()) {
            // Written in our own schema files (errorMessage), which use no placeholders.
            return error.getMessage();
        }
        return switch (keyword) {
            case "type" -> "must be " + alternatives(schema);
            case "minLength" -> "must be at least " + schema.asInt() + " characters long";
            case "maxLength" -> "must be at most " + schema.asInt() + " characters long";
            case "minItems" -> "must have at least " + schema.asInt() + " items";
            case "maxItems" -> "must have at most " + schema.asInt() + " items";
            case "uniqueItems" -> "must not contain the same item twice";
            case "pattern" -> "must match the pattern " + schema.asString();
            case "enum" -> "must be one of: " + alternatives(schema);
            case "const" -> "must be " + schema;
            case "format" -> "must be a valid " + schema.asString();
            case "false" -> "is not allowed";
            default -> "does not satisfy the schema keyword '" + keyword + "'";
        };
    }

    private static String alternatives(JsonNode schema) {
        if (schema == null) {
            return "of another kind";
        }
        if (!schema.isArray()) {
            return schema.asString();
        }
        return StreamSupport.stream(schema.spliterator(), false).map(JsonNode::asString)
                .collect(Collectors.joining(", "));
    }

    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(TtaJson.escapePointerSegment(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    private static String child(String pointer, String property) {
        return property == null ? pointer : pointer + "/" + TtaJson.escapePointerSegment(property);
    }
}
