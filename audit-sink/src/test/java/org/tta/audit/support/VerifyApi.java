package org.tta.audit.support;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls {@code GET /api/v1/audit/sessions/{id}/verify} with a reason (the endpoint records each call). */
public final class VerifyApi {

    public static final String REASON = "chain check after incident 9";

    private final RestTestClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    public VerifyApi(RestTestClient client) {
        this.client = client;
    }

    public RestTestClient.ResponseSpec get(String token, String sessionId) {
        return get(token, sessionId, REASON);
    }

    /** With {@code reason} as given; {@code null} leaves it out. */
    public RestTestClient.ResponseSpec get(String token, String sessionId, String reason) {
        var request = reason == null
                ? client.get().uri("/api/v1/audit/sessions/{id}/verify", sessionId)
                : client.get().uri("/api/v1/audit/sessions/{id}/verify?reason={reason}", sessionId, reason);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.exchange();
    }

    /** The verification as JSON; fails unless the answer is 200. */
    public JsonNode verify(String token, String sessionId) {
        return verify(token, sessionId, REASON);
    }

    public JsonNode verify(String token, String sessionId, String reason) {
        return json.readTree(get(token, sessionId, reason).expectStatus().isOk().returnResult(byte[].class)
                .getResponseBody());
    }
}
