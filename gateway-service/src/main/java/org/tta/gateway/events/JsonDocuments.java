package org.tta.gateway.events;

import org.tta.schemas.json.TtaJson;
import org.tta.schemas.validation.MalformedJsonException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Parses a request body into exactly one JSON value with the shared strict TTA settings. */
final class JsonDocuments {

    private JsonDocuments() {
    }

    /** @throws MalformedJsonException when the bytes are empty, broken, or more than one value */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new MalformedJsonException("Malformed JSON: the body is empty");
        }
        JsonNode node;
        try {
            node = TtaJson.mapper().readTree(body);
        } catch (JacksonException e) {
            // Jackson's message quotes the input, which may be PHI: say only that it failed.
            throw new MalformedJsonException("Malformed JSON: the body is not one well-formed JSON value");
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedJsonException("Malformed JSON: the body has no JSON value");
        }
        return node;
    }
}
