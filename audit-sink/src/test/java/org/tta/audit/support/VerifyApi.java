package org.tta.audit.support;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls {@code GET /api/v1/audit/sessions/{id}/verify}. */
public final class VerifyApi {

    private final RestTestClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    public VerifyApi(RestTestClient client) {
        this.client = client;
    }

    public RestTestClient.ResponseSpec get(String token, String sessionId) {
        var request = client.get().uri("/api/v1/audit/sessions/{id}/verify", sessionId);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.exchange();
    }

    /** The verification as JSON; fails unless the answer is 200. */
    public JsonNode verify(String token, String sessionId) {
        return json.readTree(get(token, sessionId).expectStatus().isOk().returnResult(byte[].class).getResponseBody());
    }
}
