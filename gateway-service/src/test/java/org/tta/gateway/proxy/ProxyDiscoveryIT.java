package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.proxy.discovery.InstanceRegistry;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Discovery and reload: instances that register with a TTL heartbeat (through the API or straight in
 * Redis), drop out when they stop, and are avoided while degraded; routes re-read from the routes
 * file without restart.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "tta.gateway.proxy.discovery.refresh-interval=200ms",
        "tta.gateway.proxy.reload-interval=300ms"})
@AutoConfigureWebTestClient(timeout = "PT30S")
class ProxyDiscoveryIT {

    static final TestBackend P1 = TestBackend.echo("p1");
    static final TestBackend P2 = TestBackend.echo("p2");
    static final TestBackend UP = TestBackend.echo("up");
    static final TestBackend DEGRADED = TestBackend.echo("degraded");
    static final TestBackend DIRECT = TestBackend.echo("direct");
    static final TestBackend EXTRA = TestBackend.echo("extra");
    static final Path ROUTES_FILE = routesFile();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String p = "tta.gateway.proxy.routes.";
        registry.add(p + "players.paths[0]", () -> "/api/v1/players");
        registry.add(p + "players.service", () -> "player-service");
        registry.add(p + "narrative.paths[0]", () -> "/api/v1/narrative");
        registry.add(p + "narrative.service", () -> "narrative-engine");
        registry.add(p + "clinic.paths[0]", () -> "/api/v1/clinic");
        registry.add(p + "direct.paths[0]", () -> "/api/v1/direct");
        registry.add("tta.gateway.proxy.routes-file", ROUTES_FILE::toString);
    }

    @AfterAll
    static void stop() throws IOException {
        for (TestBackend b : new TestBackend[] {P1, P2, UP, DEGRADED, DIRECT, EXTRA}) {
            b.close();
        }
        Files.deleteIfExists(ROUTES_FILE);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    InstanceRegistry registry;

    @Autowired
    ReactiveStringRedisTemplate redis;

    private static Path routesFile() {
        try {
            Path file = Files.createTempFile("proxy-routes", ".yml");
            Files.writeString(file, "tta:\n  gateway:\n    proxy:\n      enabled: true\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String service() {
        return "Bearer " + Tokens.aService("player-service", "instances:register");
    }

    private WebTestClient.ResponseSpec heartbeat(String service, String id, TestBackend backend, int ttlSeconds, Map<String, String> deps) {
        return http.put().uri("/api/v1/ops/instances/{s}/{i}", service, id).header(HttpHeaders.AUTHORIZATION, service())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", backend.url(), "ttlSeconds", ttlSeconds, "dependencies", deps))
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String path) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aTherapist("discovery")).exchange();
    }

    @Test
    void servesARegisteredInstanceAndDropsItWhenItStopsHeartBeating() {
        String expiresAt = heartbeat("player-service", "p1", P1, 2, Map.of()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("expiresAt").toString();
        get("/api/v1/players/p-1").expectStatus().isOk().expectBody().jsonPath("$.backend").isEqualTo("p1");
        assertThat(redis.opsForHash().hasKey(registry.key("player-service"), "p1").block()).isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(Instant.parse(expiresAt)));
        get("/api/v1/players/p-1").expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/backend-unavailable");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                !redis.opsForHash().hasKey(registry.key("player-service"), "p1").block());
    }

    @Test
    void keepsAnInstanceThatKeepsHeartBeating() {
        heartbeat("narrative-engine", "p2", P2, 2, Map.of()).expectStatus().isOk();
        Instant firstExpiry = Instant.now().plusSeconds(2);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(firstExpiry.minusMillis(500)));
        heartbeat("narrative-engine", "p2", P2, 30, Map.of()).expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(firstExpiry.plusMillis(500)));
        get("/api/v1/narrative/x").expectStatus().isOk().expectBody().jsonPath("$.backend").isEqualTo("p2");
    }

    @Test
    void avoidsADegradedInstanceWhileAHealthyOneIsThere() {
        heartbeat("clinic", "up", UP, 60, Map.of("postgres", "UP")).expectStatus().isOk();
        heartbeat("clinic", "degraded", DEGRADED, 60, Map.of("postgres", "DOWN", "kafka", "UP")).expectStatus().isOk();
        for (int i = 0; i < 10; i++) {
            get("/api/v1/clinic/x").expectStatus().isOk().expectBody().jsonPath("$.backend").isEqualTo("up");
        }
        assertThat(DEGRADED.received).isEmpty();
        http.get().uri("/api/v1/ops/routes").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.anOperator("op")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.routes[?(@.name == 'clinic')].instances[?(@.id == 'degraded')].health").isEqualTo("DEGRADED")
                .jsonPath("$.routes[?(@.name == 'clinic')].instances[?(@.id == 'degraded')].dependencies.postgres").isEqualTo("DOWN")
                .jsonPath("$.routes[?(@.name == 'clinic')].instances[?(@.id == 'up')].health").isEqualTo("UP");

        http.delete().uri("/api/v1/ops/instances/clinic/up").header(HttpHeaders.AUTHORIZATION, service()).exchange()
                .expectStatus().isNoContent();
        get("/api/v1/clinic/x").expectStatus().isOk().expectBody().jsonPath("$.backend").isEqualTo("degraded");
    }

    @Test
    void picksUpAnInstanceWrittenStraightIntoRedis() {
        String json = "{\"url\":\"" + DIRECT.url() + "\",\"expiresAt\":" + (System.currentTimeMillis() + 60_000)
                + ",\"dependencies\":{}}";
        redis.opsForHash().put(registry.key("direct"), "d1", json).block();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                get("/api/v1/direct/x").returnResult(String.class).getStatus().value() == 200);
        assertThat(DIRECT.received).isNotEmpty();
    }

    @Test
    void letsOnlyOperatorsAndRegisteringServicesRegister() {
        http.put().uri("/api/v1/ops/instances/clinic/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aPatient("pat"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", UP.url())).exchange()
                .expectStatus().isForbidden();
        http.put().uri("/api/v1/ops/instances/clinic/x").header(HttpHeaders.AUTHORIZATION, service())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", "ftp://evil.example/")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void reloadsRoutesFromTheRoutesFileWithoutRestartAndKeepsThemWhenTheFileIsBad() throws IOException {
        get("/api/v1/extra/x").expectStatus().isNotFound();
        Files.writeString(ROUTES_FILE, """
                tta:
                  gateway:
                    proxy:
                      routes:
                        extra:
                          paths: [/api/v1/extra]
                          instances: [%s]
                """.formatted(EXTRA.url()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                get("/api/v1/extra/x").returnResult(String.class).getStatus().value() == 200);

        Files.writeString(ROUTES_FILE, """
                tta:
                  gateway:
                    proxy:
                      routes:
                        extra:
                          paths: [/api/v1/sessions]
                          instances: [%s]
                """.formatted(EXTRA.url()));
        http.post().uri("/api/v1/ops/routes/refresh").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.anOperator("op"))
                .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        get("/api/v1/extra/x").expectStatus().isOk().expectBody().jsonPath("$.backend").isEqualTo("extra");
    }
}
