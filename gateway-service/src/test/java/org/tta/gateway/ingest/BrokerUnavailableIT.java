package org.tta.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.session.Session;
import org.tta.gateway.session.SessionDirectory;
import org.tta.schemas.payload.Participant;
import org.tta.gateway.support.Members;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.Tokens;

/**
 * With no broker to acknowledge, the gateway must answer 503 with Retry-After within the publish
 * timeout, never 202, and after repeated failures its circuit breaker opens and fails fast.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.producer.properties.max.block.ms=1000",
        "tta.kafka.create-topics=false",
        "tta.gateway.ingest.publish-timeout=3s",
        "tta.gateway.publish.breaker.sliding-window-size=2",
        "tta.gateway.publish.breaker.minimum-number-of-calls=2",
        "tta.gateway.publish.breaker.wait-in-open-state=10m",
        // this test is about the publisher's own answers; load shedding (its own 503) is tested in RateLimitIT
        "tta.gateway.rate-limits.shedding.administrative=2", "tta.gateway.rate-limits.shedding.service=2",
        "tta.gateway.rate-limits.shedding.participant=2"})
@AutoConfigureWebTestClient
class BrokerUnavailableIT {

    private static final TestNamespace NAMESPACE = TestInfrastructure.get().newNamespace("brokerdown");

    @Autowired
    WebTestClient http;

    @Autowired
    SessionDirectory sessions;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        var issuer = TestInfrastructure.get().issuer();
        // Redis works here, so that the membership check passes and Kafka is what fails.
        registry.add("spring.data.redis.url", TestInfrastructure.get()::redisUri);
        registry.add("tta.redis.key-prefix", NAMESPACE::redisKeyPrefix);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer.issuerUri().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.jwksUri().toString());
    }

    @BeforeEach
    void aliceTakesPart() {
        sessions.create(Session.create("session-down", null, List.of(Participant.patient("alice")), "test", Instant.now())).block();
    }

    @Test
    void answers503WithRetryAfterWhenKafkaDoesNotAcknowledge() {
        http.post().uri("/api/v1/sessions/{id}/messages", "session-down")
                .header("Authorization", "Bearer " + Tokens.aPatient("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"are you there\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/broker-unavailable");
    }

    @Test
    void opensTheCircuitBreakerAfterRepeatedFailuresAndThenFailsFast() {
        String state = null;
        for (int attempt = 0; attempt < 5 && !"open".equals(state); attempt++) {
            state = post("session-breaker")
                    .expectStatus().isEqualTo(503)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody(java.util.Map.class).returnResult().getResponseBody()
                    .get("circuitBreaker").toString();
        }
        assertThat(state).isEqualTo("open");
        post("session-breaker").expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/broker-unavailable")
                .jsonPath("$.circuitBreaker").isEqualTo("open");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .containsPattern("resilience4j_circuitbreaker_state\\{name=\"kafka-publish\".*state=\"open\"\\} 1")
                        .containsPattern("tta_gateway_publish_rejections_total\\{reason=\"circuit-open\".*\\} [1-9]"));
    }

    private WebTestClient.ResponseSpec post(String session) {
        Members.ensure(sessions, session, Participant.patient("alice"));
        return http.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Authorization", "Bearer " + Tokens.aPatient("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"are you there\"}")
                .exchange();
    }

    @Test
    void reportsNotReadyWhileKafkaIsUnreachable() {
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
