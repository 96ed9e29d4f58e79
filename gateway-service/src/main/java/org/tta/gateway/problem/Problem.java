package org.tta.gateway.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * An RFC 9457 problem as the gateway writes it: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} and any extension members. Never carries message content.
 */
public record Problem(URI type, HttpStatusCode status, String title, String detail, Map<String, Object> extensions) {

    /** At most this many entries in {@code errors}; the rest are counted in {@code errorsOmitted}. */
    public static final int MAX_ERRORS = 20;

    /** A text member of an {@code errors} entry (a pointer may hold a submitted name) is cut to this length. */
    public static final int MAX_ERROR_TEXT = 256;

    public static Problem of(URI type, HttpStatus status, String detail) {
        return new Problem(type, status, status.getReasonPhrase(), detail, Map.of());
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, status, title, detail, more);
    }

    /**
     * The {@code errors} member, bounded: a request with thousands of bad attributes must not be
     * answered with a body larger than itself. Keeps the first {@link #MAX_ERRORS} entries, cuts long
     * texts, and says how many entries were left out.
     */
    public Problem withErrors(List<? extends Map<String, String>> errors) {
        List<Map<String, String>> kept = errors.stream().limit(MAX_ERRORS).map(Problem::bounded).toList();
        Problem problem = with("errors", kept);
        return errors.size() > MAX_ERRORS ? problem.with("errorsOmitted", errors.size() - MAX_ERRORS) : problem;
    }

    private static Map<String, String> bounded(Map<String, String> entry) {
        Map<String, String> out = new LinkedHashMap<>();
        entry.forEach((name, text) -> out.put(name, cut(text)));
        return out;
    }

    /** The text cut to {@link #MAX_ERROR_TEXT} characters, never between the two halves of a surrogate pair. */
    private static String cut(String text) {
        if (text == null || text.length() <= MAX_ERROR_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ERROR_TEXT - 1)) ? MAX_ERROR_TEXT - 1 : MAX_ERROR_TEXT;
        return text.substring(0, end) + "…";
    }

    Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status.value());
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", instance);
        body.putAll(extensions);
        return body;
    }
}
