package org.tta.audit.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.tta.schemas.payload.AuditActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one session's trail through the reviewer API ({@code GET /api/v1/audit/records?sessionId=}) as a given
 * bearer, for tests of the store. Every read writes an {@code audit.accessed} record into the session it reads;
 * {@link #allRecords} leaves those out so that store tests see only what they produced.
 */
public final class AuditApi {

    public static final String RECORDS = "/api/v1/audit/records";
    public static final String REASON = "store integration test";

    private final RestTestClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditApi(RestTestClient client) {
        this.client = client;
    }

    /** {@code GET} with the raw query string, for tests of bad parameters and of security. */
    public RestTestClient.ResponseSpec get(String token, String query) {
        var request = client.get().uri(RECORDS + query);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.exchange();
    }

    /**
     * One page as JSON; fails unless the answer is 200.
     *
     * @param cursor the {@code next} of the previous page, or {@code null} for the first
     * @param action only records of this action, or {@code null} for all
     */
    public JsonNode page(String token, String sessionId, String cursor, int limit, String action) {
        String query = "?sessionId=" + sessionId + "&limit=" + limit + "&reason=" + encode(REASON)
                + (cursor == null ? "" : "&cursor=" + cursor) + (action == null ? "" : "&action=" + action);
        byte[] body = get(token, query).expectStatus().isOk().returnResult(byte[].class).getResponseBody();
        return json.readTree(body);
    }

    /** Every record of a session but the reads of the trail, page by page through {@code next}. */
    public List<JsonNode> allRecords(String token, String sessionId, int pageSize) {
        List<JsonNode> records = new ArrayList<>();
        String cursor = null;
        while (true) {
            JsonNode page = page(token, sessionId, cursor, pageSize, null);
            page.get("records").forEach(record -> {
                if (!AuditActions.AUDIT_ACCESSED.equals(record.get("action").asString())) {
                    records.add(record);
                }
            });
            if (page.get("next").isNull()) {
                return records;
            }
            cursor = page.get("next").asString();
        }
    }

    public static List<String> ids(List<JsonNode> records) {
        return records.stream().map(r -> r.get("id").asString()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
