package org.tta.audit.review.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the reviewer API over real HTTP as a given bearer. Query values are URL-encoded here and the URI is
 * sent as built, so hostile strings reach the server exactly as a client would send them.
 */
public final class ReviewApi {

    public static final String BASE = "/api/v1/audit";
    public static final String REASON = "quality review 7";

    private final String origin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public ReviewApi(int port) {
        this.origin = "http://127.0.0.1:" + port;
    }

    /** What came back. */
    public record Answer(int status, HttpHeaders headers, String body, JsonNode json) {
        public String contentType() {
            return headers.firstValue("content-type").orElse("");
        }
    }

    /** {@code GET} of {@code path} with these parameters (name, value pairs; a name may repeat). */
    public Answer get(String token, String path, String... parameters) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + BASE + path + query(parameters)))
                .timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("content-type").orElse("");
            JsonNode body = type.contains("json") && !type.contains("ndjson") && !response.body().isEmpty()
                    ? json.readTree(response.body()) : null;
            return new Answer(response.statusCode(), response.headers(), response.body(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 200 answer's JSON; fails otherwise. */
    public JsonNode ok(String token, String path, String... parameters) {
        Answer answer = get(token, path, parameters);
        if (answer.status() != 200) {
            throw new AssertionError("Expected 200 from " + path + " but got " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    /** Every record of a filtered query, page by page through {@code next}. */
    public List<JsonNode> allRecords(String token, int limit, String... filters) {
        List<JsonNode> records = new ArrayList<>();
        String cursor = null;
        do {
            List<String> parameters = new ArrayList<>(List.of(filters));
            parameters.addAll(List.of("limit", Integer.toString(limit), "reason", REASON));
            if (cursor != null) {
                parameters.addAll(List.of("cursor", cursor));
            }
            JsonNode page = ok(token, "/records", parameters.toArray(String[]::new));
            page.get("records").forEach(records::add);
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        } while (cursor != null);
        return records;
    }

    public static String query(String... parameters) {
        if (parameters.length == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < parameters.length; i += 2) {
            if (i > 0) {
                query.append('&');
            }
            query.append(encode(parameters[i])).append('=').append(encode(parameters[i + 1]));
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
