package org.tta.gateway.events;

import org.tta.schemas.json.TtaJson;

/**
 * Where an event's attributes sit in the request, to point the client at a violation: the
 * {@code ce-*} headers and the body (binary mode), or a JSON object at {@code prefix} (structured
 * mode: {@code ""}; batch mode: {@code "/3"}).
 */
record Location(boolean binary, String prefix) {

    static final String CONTENT_TYPE = "Content-Type";

    static Location headers() {
        return new Location(true, "");
    }

    static Location json(String prefix) {
        return new Location(false, prefix);
    }

    /** A violation of the attribute {@code name}. */
    EventViolation attribute(String name, String detail) {
        if (binary) {
            String header = EventAttributes.DATACONTENTTYPE.equals(name) ? CONTENT_TYPE : "ce-" + name;
            return new EventViolation(name, null, header, detail);
        }
        return new EventViolation(name, prefix + "/" + TtaJson.escapePointerSegment(name), null, detail);
    }

    /** A violation inside the event data; {@code dataPointer} is relative to the data. */
    EventViolation data(String member, String dataPointer, String detail) {
        // In binary mode the body is the data, so its pointers are relative to the body.
        String pointer = binary ? dataPointer : prefix + "/" + member + dataPointer;
        return new EventViolation(EventAttributes.DATA, pointer, null, detail);
    }

    /** A violation of the event as a whole (not an object, say). */
    EventViolation whole(String detail) {
        return new EventViolation(null, prefix, null, detail);
    }
}
