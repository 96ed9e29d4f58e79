package org.tta.gateway.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reason an event was refused. {@code attribute} names the CloudEvents attribute; exactly one
 * of {@code pointer} (an RFC 6901 pointer into the JSON body) and {@code header} (the HTTP header
 * of a binary-mode attribute) says where it is. {@code detail} never quotes the submitted value.
 */
public record EventViolation(String attribute, String pointer, String header, String detail) {

    /** The entry of the problem's {@code errors} list. */
    public Map<String, String> toProblemEntry() {
        Map<String, String> entry = new LinkedHashMap<>();
        if (attribute != null) {
            entry.put("attribute", attribute);
        }
        if (pointer != null) {
            entry.put("pointer", pointer);
        }
        if (header != null) {
            entry.put("header", header);
        }
        entry.put("detail", detail);
        return entry;
    }
}
