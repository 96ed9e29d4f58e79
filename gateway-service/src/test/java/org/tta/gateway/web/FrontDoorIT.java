package org.tta.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** The rules every response obeys: security headers, trace id, size limit, CORS, API docs. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "tta.gateway.web.cors-allowed-origins=https://app.example.org",
        "tta.gateway.web.max-request-bytes=4096"})
@AutoConfigureWebTestClient
class FrontDoorIT {

    @Autowired
    WebTestClient http;

    @Autowired
    org.springframework.security.oauth2.jwt.ReactiveJwtDecoder jwtDecoder;

    @Test
    void verifiesTokensThroughTheBoundedVerifiedTokenCache() {
        assertThat(jwtDecoder).isInstanceOf(org.tta.gateway.identity.CachingJwtDecoder.class);
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndTheTraceId() {
        http.post().uri("/api/v1/sessions/s-1/messages").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"hi\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches("Strict-Transport-Security", "max-age=\\d+; includeSubDomains")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueMatches("Content-Security-Policy", ".*default-src 'none'.*")
                .expectHeader().valueMatches("X-Trace-Id", "[0-9a-f]{32}")
                .expectHeader().valueMatches("traceresponse", "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void problemsCarryTheTraceIdOfTheResponse() {
        var result = http.get().uri("/api/v1/nowhere").header("Authorization", "Bearer " + Tokens.aPatient("alice"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult();
        String traceId = result.getResponseHeaders().getFirst("X-Trace-Id");
        assertThat(traceId).isNotBlank();
        assertThat(result.getResponseBody()).contains("\"traceId\":\"" + traceId + "\"");
    }

    @Test
    void refusesABodyOverTheLimitWith413BeforeReadingIt() {
        http.post().uri("/api/v1/sessions/s-1/messages")
                .header("Authorization", "Bearer " + Tokens.aPatient("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"" + "a".repeat(5000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/payload-too-large");
    }

    @Test
    void answersCorsPreflightForConfiguredOriginsOnly() {
        http.options().uri("/api/v1/sessions/s-1/messages")
                .header(HttpHeaders.ORIGIN, "https://app.example.org")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.org");
        http.options().uri("/api/v1/sessions/s-1/messages")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void publishesAnOpenApi31DocumentOfTheApi() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").value(v -> assertThat((String) v).startsWith("3.1"))
                .jsonPath("$.paths['/api/v1/sessions/{sessionId}/messages'].post.responses['202']").exists()
                .jsonPath("$.paths['/api/v1/sessions/{sessionId}/messages'].post.responses['422']").exists()
                .jsonPath("$.paths['/api/v1/sessions/{sessionId}/messages'].post.responses['503'].content['application/problem+json']").exists()
                .jsonPath("$.paths['/api/v1/sessions'].post.responses['201']").exists()
                .jsonPath("$.paths['/api/v1/sessions/{id}/participants'].put.responses['412']").exists()
                .jsonPath("$.paths['/api/v1/events'].post.responses['202']").exists()
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
