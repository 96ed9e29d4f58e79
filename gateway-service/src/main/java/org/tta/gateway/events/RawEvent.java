package org.tta.gateway.events;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An event as read from the wire, before the gateway's rules ran.
 *
 * @param where      where its attributes are in the request
 * @param attributes context attributes and extensions by name (String, Integer or Boolean values;
 *                   unset ones absent)
 * @param data       the data as JSON, or null when the event has none
 * @param dataBytes  the data as sent (binary mode) or as re-serialized (JSON format); null when none
 * @param dataMember {@code data} or {@code data_base64}: the JSON member that held the data
 * @param problems   what was already wrong while reading
 */
record RawEvent(Location where, Map<String, Object> attributes, JsonNode data, byte[] dataBytes, String dataMember,
                List<EventViolation> problems) {

    RawEvent {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        problems = List.copyOf(problems);
    }
}
