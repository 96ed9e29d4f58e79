package org.tta.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;

/**
 * With Redis unreachable, a request with an Idempotency-Key gets 503 (never an unguarded write that
 * could duplicate a clinical message) and a request without one is served as usual. Real Kafka;
 * Redis pointed at a closed port (the shared test Redis is left alone).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class IdempotencyRedisDownIT {

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void infrastructureWithoutRedis(DynamicPropertyRegistry registry) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, Object> properties = infrastructure.springProperties(
                infrastructure.namespaceFor(IdempotencyRedisDownIT.class));
        properties.forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:1");
    }

    @Test
    void answers503WithRetryAfterWhenAKeyWasSent() {
        post("Idempotency-Key", "key-while-redis-is-down")
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/shared-state-unavailable");
    }

    @Test
    void servesARequestWithoutAKeyAsUsual() {
        post("X-No-Key", "none").expectStatus().isAccepted();
    }

    private WebTestClient.ResponseSpec post(String header, String value) {
        return http.post().uri("/api/v1/sessions/{id}/messages", "idem-redis-down")
                .header("Authorization", "Bearer " + Tokens.aPatient("alice"))
                .header(header, value)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"is anyone there\"}".getBytes(StandardCharsets.UTF_8))
                .exchange();
    }
}
