package org.tta.gateway.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * An RFC 9457 problem as the gateway writes it: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} and any extension members. Never carries message content.
 */
public record Problem(URI type, HttpStatusCode status, String title, String detail, Map<String, Object> extensions) {

    public static Problem of(URI type, HttpStatus status, String detail) {
        return new Problem(type, status, status.getReasonPhrase(), detail, Map.of());
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, status, title, detail, more);
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
