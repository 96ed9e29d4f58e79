package org.tta.gateway.events;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tta.schemas.json.TtaJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one event in the CloudEvents JSON format (v1.0.2): members are attributes, {@code null}
 * means unset, {@code data} holds a JSON value and {@code data_base64} Base64 bytes (which must be
 * JSON here: the gateway carries JSON data only).
 */
final class JsonFormatReader {

    private JsonFormatReader() {
    }

    static RawEvent read(JsonNode node, Location where) {
        List<EventViolation> problems = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (!node.isObject()) {
            problems.add(where.whole("must be a CloudEvent as a JSON object"));
            return new RawEvent(where, attributes, null, null, EventAttributes.DATA, problems);
        }
        JsonNode data = null;
        byte[] dataBytes = null;
        String dataMember = EventAttributes.DATA;
        JsonNode dataMemberNode = node.get(EventAttributes.DATA);
        JsonNode base64MemberNode = node.get(EventAttributes.DATA_BASE64);
        if (dataMemberNode != null && base64MemberNode != null && !base64MemberNode.isNull()) {
            problems.add(where.attribute(EventAttributes.DATA_BASE64, "must not be given together with data"));
        } else if (dataMemberNode != null) {
            // An explicit null is JSON null data, as distinct from no data (JSON format 3.1).
            data = dataMemberNode;
            dataBytes = TtaJson.mapper().writeValueAsBytes(dataMemberNode);
        } else if (base64MemberNode != null && !base64MemberNode.isNull()) {
            dataMember = EventAttributes.DATA_BASE64;
            dataBytes = decodeBase64(base64MemberNode, where, problems);
            data = dataBytes == null ? null : parseJson(dataBytes, where, problems);
            if (data == null) {
                dataBytes = null;
            }
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (name.equals(EventAttributes.DATA) || name.equals(EventAttributes.DATA_BASE64) || value.isNull()) {
                continue;
            }
            if (!EventAttributes.isValidName(name)) {
                problems.add(where.attribute(name, "is not a CloudEvents attribute: names are 1 to 20 lower-case letters or digits"));
            } else if (value.isString()) {
                attributes.put(name, value.stringValue());
            } else if (value.isBoolean()) {
                attributes.put(name, value.booleanValue());
            } else if (value.isIntegralNumber() && value.canConvertToInt()) {
                attributes.put(name, value.intValue());
            } else {
                problems.add(where.attribute(name, "must be a string, a boolean or a 32-bit integer"));
            }
        }
        return new RawEvent(where, attributes, data, dataBytes, dataMember, problems);
    }

    private static byte[] decodeBase64(JsonNode value, Location where, List<EventViolation> problems) {
        if (!value.isString()) {
            problems.add(where.attribute(EventAttributes.DATA_BASE64, "must be a Base64 string"));
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.stringValue());
        } catch (IllegalArgumentException e) {
            problems.add(where.attribute(EventAttributes.DATA_BASE64, "must be a Base64 string"));
            return null;
        }
    }

    private static JsonNode parseJson(byte[] bytes, Location where, List<EventViolation> problems) {
        try {
            JsonNode node = TtaJson.mapper().readTree(bytes);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (JacksonException e) {
            // fall through: reported below without the parser's message, which quotes the input
        }
        problems.add(where.attribute(EventAttributes.DATA_BASE64, "must be Base64 of one JSON document"));
        return null;
    }
}
