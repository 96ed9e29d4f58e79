package org.tta.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.payload.ParticipantsReplacement;
import org.tta.schemas.payload.SessionCreation;

/** The sessions API and the message endpoint as a test calls them. */
public final class SessionApi {

    private final WebTestClient http;

    public SessionApi(WebTestClient http) {
        this.http = http;
    }

    /** A creation body. */
    public static String creation(String title, Participant... participants) {
        return TtaJson.mapper().writeValueAsString(new SessionCreation(title, List.of(participants)));
    }

    /** A participants replacement body. */
    public static String replacement(Participant... participants) {
        return TtaJson.mapper().writeValueAsString(new ParticipantsReplacement(List.of(participants)));
    }

    /** Creates a session and returns it; fails the test unless the answer is 201. */
    public Session create(String token, Participant... participants) {
        return post(token, creation(null, participants)).expectStatus().isCreated()
                .expectBody(Session.class).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec post(String token, String json) {
        return http.post().uri("/api/v1/sessions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    public WebTestClient.ResponseSpec get(String token, String id) {
        return http.get().uri("/api/v1/sessions/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    public WebTestClient.ResponseSpec replace(String token, String id, String json, String ifMatch) {
        var request = http.put().uri("/api/v1/sessions/{id}/participants", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    public WebTestClient.ResponseSpec postMessage(String token, String sessionId, String text) {
        return http.post().uri("/api/v1/sessions/{id}/messages", sessionId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    /** Asserts a problem+json answer of the given status and type (the last segment of its URI). */
    public static void expectProblem(WebTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://problems.tta.org/" + type)
                .jsonPath("$.status").isEqualTo(status);
    }
}
