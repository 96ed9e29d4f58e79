package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** The per-caller budgets of the front door hold on proxied routes too: over budget is a 429 the backend never sees. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "tta.gateway.rate-limits.classes.participant.capacity=3",
        "tta.gateway.rate-limits.classes.participant.refill=3",
        "tta.gateway.rate-limits.classes.participant.period=1h"})
@AutoConfigureWebTestClient(timeout = "PT30S")
class ProxyRateLimitIT {

    static final TestBackend PLAYERS = TestBackend.echo("players");

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("tta.gateway.proxy.routes.players.paths[0]", () -> "/api/v1/players");
        registry.add("tta.gateway.proxy.routes.players.instances[0]", PLAYERS::url);
    }

    @AfterAll
    static void stopBackend() {
        PLAYERS.close();
    }

    @Autowired
    WebTestClient http;

    @Test
    void answers429ProblemWithRetryAfterOnAProxiedRouteOnceTheCallersBudgetIsSpent() {
        String token = "Bearer " + Tokens.aPatient("proxied-" + UUID.randomUUID());
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/v1/players/p-" + i).header(HttpHeaders.AUTHORIZATION, token).header("X-Request-Id", marker + i)
                    .exchange().expectStatus().isOk();
        }
        http.get().uri("/api/v1/players/p-3").header(HttpHeaders.AUTHORIZATION, token).header("X-Request-Id", marker + 3).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 1200L))
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://problems.tta.org/rate-limited")
                .jsonPath("$.status").isEqualTo(429);
        assertThat(PLAYERS.received).filteredOn(r -> r.uri().startsWith("/api/v1/players/p-")).hasSize(3);
        assertThat(PLAYERS.withHeader("X-Request-Id", marker + 3)).isEmpty();
    }
}
