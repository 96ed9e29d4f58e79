package org.tta.audit.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the audit trail read API as a given bearer. */
public final class AuditApi {

    public static final String RECORDS = "/api/v1/audit/records";

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

    /** One page as JSON; fails unless the answer is 200. */
    public JsonNode page(String token, String sessionId, long after, int limit) {
        byte[] body = get(token, "?sessionId=" + sessionId + "&after=" + after + "&limit=" + limit)
                .expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody();
        return json.readTree(body);
    }

    /** Every record of a session, read page by page through {@code next}. */
    public List<JsonNode> allRecords(String token, String sessionId, int pageSize) {
        List<JsonNode> records = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = page(token, sessionId, after, pageSize);
            page.get("records").forEach(records::add);
            if (page.get("next").isNull()) {
                return records;
            }
            after = page.get("next").asLong();
        }
    }

    public static List<String> ids(List<JsonNode> records) {
        return records.stream().map(r -> r.get("id").asString()).toList();
    }
}
