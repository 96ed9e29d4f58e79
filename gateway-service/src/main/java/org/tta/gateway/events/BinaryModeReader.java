package org.tta.gateway.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.tta.schemas.validation.MalformedJsonException;

/** Reads a binary-mode request: every {@code ce-*} header is an attribute, the body is the data. */
final class BinaryModeReader {

    private static final String PREFIX = "ce-";

    private BinaryModeReader() {
    }

    /**
     * @throws MalformedJsonException when the body is not exactly one JSON value
     */
    static RawEvent read(HttpHeaders headers, byte[] body) {
        Location where = Location.headers();
        List<EventViolation> problems = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : byLowerCaseName(headers).entrySet()) {
            String name = header.getKey().substring(PREFIX.length());
            if (!EventAttributes.isValidName(name)) {
                problems.add(new EventViolation(null, null, header.getKey(),
                        "is not a CloudEvents attribute: names are 1 to 20 lower-case letters or digits"));
                continue;
            }
            if (EventAttributes.DATACONTENTTYPE.equals(name)) {
                problems.add(new EventViolation(name, null, header.getKey(),
                        "must not be sent in binary mode: the Content-Type header carries it"));
                continue;
            }
            if (header.getValue().size() != 1) {
                problems.add(where.attribute(name, "must be given exactly once"));
                continue;
            }
            try {
                attributes.put(name, HeaderValues.decode(header.getValue().get(0)));
            } catch (IllegalArgumentException e) {
                problems.add(where.attribute(name, e.getMessage()));
            }
        }
        if (body.length == 0) {
            return new RawEvent(where, attributes, null, null, EventAttributes.DATA, problems);
        }
        // EventMode admitted only a JSON Content-Type with a body.
        attributes.put(EventAttributes.DATACONTENTTYPE, headers.getFirst(HttpHeaders.CONTENT_TYPE));
        return new RawEvent(where, attributes, JsonDocuments.parse(body), body, EventAttributes.DATA, problems);
    }

    private static Map<String, List<String>> byLowerCaseName(HttpHeaders headers) {
        // Header names are case-insensitive; a client may repeat one in another case.
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX)) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(header.getValue());
            }
        }
        return byName;
    }
}
