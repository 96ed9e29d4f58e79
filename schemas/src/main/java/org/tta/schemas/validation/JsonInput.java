package org.tta.schemas.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses a request body into exactly one JSON value, failing without echoing any of it. */
final class JsonInput {

    private JsonInput() {
    }

    static JsonNode parse(JsonMapper mapper, byte[] json) {
        if (json == null || json.length == 0) {
            throw new MalformedJsonException("Malformed JSON: the body is empty");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedJsonException("Malformed JSON" + where(e.getLocation()));
        }
        if (node == null || node.isMissingNode()) {
            // Only white space: Jackson reads that as "no content" rather than failing.
            throw new MalformedJsonException("Malformed JSON: the body has no JSON value");
        }
        return node;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
