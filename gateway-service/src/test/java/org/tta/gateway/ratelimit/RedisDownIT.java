package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;

/**
 * With Redis unreachable from start-up, the gateway starts, serves authenticated callers (fail open)
 * and still limits them with its local limiter. Requests go to a route that does not exist: a 404
 * shows the request got past both limiters whatever else needs Redis or Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "spring.data.redis.url=redis://127.0.0.1:1",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "tta.kafka.create-topics=false",
        "tta.gateway.rate-limits.classes.participant.capacity=3",
        "tta.gateway.rate-limits.classes.participant.refill=3",
        "tta.gateway.rate-limits.classes.participant.period=1h"})
@AutoConfigureWebTestClient
class RedisDownIT {

    @Autowired
    WebTestClient http;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        var issuer = TestInfrastructure.get().issuer();
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer.issuerUri().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.jwksUri().toString());
    }

    @Test
    void servesAuthenticatedCallersAndStillLimitsThemLocallyWhileRedisIsDown() {
        for (int i = 0; i < 3; i++) {
            probe(Tokens.aPatient("pat-down"))
                    .expectStatus().isNotFound()
                    .expectHeader().value("RateLimit", v -> assertThat(v).contains("\"user\";r="));
        }
        probe(Tokens.aPatient("pat-down"))
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/rate-limited");
        probe(Tokens.aTherapist("theo-down")).expectStatus().isNotFound();

        assertThat(meters.get("tta.gateway.ratelimit.redis.available").gauge().value()).isZero();
        assertThat(meters.get("tta.gateway.ratelimit.redis.outages").counter().count())
                .as("one outage, reported once however many requests it affected").isEqualTo(1);
        assertThat(meters.get("tta.gateway.ratelimit.local.decisions").counter().count()).isGreaterThanOrEqualTo(10);
    }

    private WebTestClient.ResponseSpec probe(String token) {
        return http.get().uri("/api/v1/redis-down-probe")
                .header("Authorization", "Bearer " + token)
                .exchange();
    }
}
