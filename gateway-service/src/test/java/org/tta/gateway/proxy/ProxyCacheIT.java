package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.proxy.TestBackend.Reply;
import org.tta.gateway.proxy.cache.CacheInvalidationListener;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** The response cache in Redis (Cache-Control, ETag, 304, per caller), its invalidation by Kafka events, and composite routes. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient(timeout = "PT30S")
class ProxyCacheIT {

    static final TestBackend PLAYERS = TestBackend.start("players", r -> {
        if (r.uri().endsWith("/nostore")) {
            return Reply.json(200, "{\"fresh\":true}").withHeaders(Map.of("Cache-Control", "no-store"));
        }
        if (r.uri().endsWith("/p-2")) {
            return Reply.json(200, "{\"id\":\"p-2\"}").withHeaders(Map.of("ETag", "\"v7\""));
        }
        String id = r.uri().substring(r.uri().lastIndexOf('/') + 1);
        return Reply.json(200, "{\"id\":\"" + id + "\",\"name\":\"Ada\"}");
    });
    static final TestBackend SESSIONS = TestBackend.start("sessions", r -> Reply.json(200, "{\"session\":\"s-1\",\"state\":\"open\"}"));
    static final TestBackend NARRATIVE = TestBackend.start("narrative", r -> Reply.json(200, "{\"scene\":3}").after(Duration.ofSeconds(5)));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String p = "tta.gateway.proxy.routes.";
        registry.add(p + "players.paths[0]", () -> "/api/v1/players");
        registry.add(p + "players.instances[0]", PLAYERS::url);
        registry.add(p + "players.cache.enabled", () -> "true");
        registry.add(p + "players.cache.ttl", () -> "5m");
        registry.add(p + "session-store.paths[0]", () -> "/api/v1/session-store");
        registry.add(p + "session-store.instances[0]", SESSIONS::url);
        registry.add(p + "narrative.paths[0]", () -> "/api/v1/narrative");
        registry.add(p + "narrative.instances[0]", NARRATIVE::url);
        String c = "tta.gateway.proxy.composites.session-overview.";
        registry.add(c + "path", () -> "/api/v1/overview/sessions/{id}");
        registry.add(c + "timeout", () -> "1s");
        registry.add(c + "parts.session.route", () -> "session-store");
        registry.add(c + "parts.session.path", () -> "/api/v1/session-store/{id}");
        registry.add(c + "parts.player.route", () -> "players");
        registry.add(c + "parts.player.path", () -> "/api/v1/players/{id}");
        registry.add(c + "parts.narrative.route", () -> "narrative");
        registry.add(c + "parts.narrative.path", () -> "/api/v1/narrative/sessions/{id}");
    }

    @AfterAll
    static void stop() {
        PLAYERS.close();
        SESSIONS.close();
        NARRATIVE.close();
    }

    @Autowired
    WebTestClient http;

    @Autowired
    CacheInvalidationListener listener;

    @Autowired
    TopicCatalog topics;

    @Autowired
    Environment environment;

    private WebTestClient.ResponseSpec get(String path, String sub, String... headers) {
        var spec = http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aTherapist(sub));
        for (int i = 0; i < headers.length; i += 2) {
            spec = spec.header(headers[i], headers[i + 1]);
        }
        return spec.exchange();
    }

    private long hits(String path) {
        return PLAYERS.received.stream().filter(r -> r.uri().equals(path)).count();
    }

    @Test
    void answersARepeatedGetFromTheCachePerCaller() {
        String etag = get("/api/v1/players/p-1", "alice").expectStatus().isOk()
                .expectHeader().valueEquals("X-Cache", "MISS")
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectBody().jsonPath("$.name").isEqualTo("Ada")
                .returnResult().getResponseHeaders().getETag();
        get("/api/v1/players/p-1", "alice").expectStatus().isOk()
                .expectHeader().valueEquals("X-Cache", "HIT")
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().jsonPath("$.name").isEqualTo("Ada");
        assertThat(hits("/api/v1/players/p-1")).isEqualTo(1);
        get("/api/v1/players/p-1", "bob").expectStatus().isOk().expectHeader().valueEquals("X-Cache", "MISS");
        assertThat(hits("/api/v1/players/p-1")).isEqualTo(2);
    }

    @Test
    void answers304WhenTheClientHoldsTheCurrentEtag() {
        get("/api/v1/players/p-2", "carol").expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"v7\"");
        get("/api/v1/players/p-2", "carol", HttpHeaders.IF_NONE_MATCH, "\"v6\", W/\"v7\"")
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"v7\"")
                .expectBody().isEmpty();
        get("/api/v1/players/p-2", "carol", HttpHeaders.IF_NONE_MATCH, "\"v6\"").expectStatus().isOk();
        assertThat(hits("/api/v1/players/p-2")).isEqualTo(1);
    }

    @Test
    void neverStoresWhatTheBackendMarksNoStoreAndSkipsTheCacheOnRequestNoCache() {
        get("/api/v1/players/nostore", "dave").expectStatus().isOk();
        get("/api/v1/players/nostore", "dave").expectStatus().isOk();
        assertThat(hits("/api/v1/players/nostore")).isEqualTo(2);
        get("/api/v1/players/p-4", "dave").expectStatus().isOk();
        get("/api/v1/players/p-4", "dave", HttpHeaders.CACHE_CONTROL, "no-cache").expectStatus().isOk()
                .expectHeader().valueEquals("X-Cache", "MISS");
        assertThat(hits("/api/v1/players/p-4")).isEqualTo(2);
    }

    @Test
    void anEventNamingAResourceInvalidatesExactlyTheEntriesThatDependOnIt() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(listener::assigned);
        get("/api/v1/players/p-5", "erin").expectStatus().isOk().expectHeader().valueEquals("X-Cache", "MISS");
        get("/api/v1/players/p-6", "erin").expectStatus().isOk().expectHeader().valueEquals("X-Cache", "MISS");
        get("/api/v1/players/p-5", "erin").expectStatus().isOk().expectHeader().valueEquals("X-Cache", "HIT");

        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>(topics.name(TopicId.SESSION_EVENTS), "s-1", "{}".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", "org.tta.player.changed".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_ttaresource", "players/p-5".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "MISS".equals(get("/api/v1/players/p-5", "erin").returnResult(String.class).getResponseHeaders().getFirst("X-Cache")));
        get("/api/v1/players/p-6", "erin").expectStatus().isOk().expectHeader().valueEquals("X-Cache", "HIT");
        assertThat(hits("/api/v1/players/p-6")).isEqualTo(1);
    }

    @Test
    void answersACompositeFromItsPartsAndMarksTheSlowOnePartial() {
        get("/api/v1/overview/sessions/s-1", "frank").expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.parts.session.state").isEqualTo("open")
                .jsonPath("$.parts.player.id").isEqualTo("s-1")
                .jsonPath("$.parts.narrative").doesNotExist()
                .jsonPath("$.partial").isEqualTo(true)
                .jsonPath("$.failures.narrative.type").isEqualTo("https://problems.tta.org/backend-timeout");
        assertThat(SESSIONS.received).isNotEmpty();
        assertThat(SESSIONS.received.getFirst().header("Authorization")).startsWith("Bearer ");
    }

    @Test
    void answers406ForACompositeAskedInAnotherFormat() {
        get("/api/v1/overview/sessions/s-1", "gina", HttpHeaders.ACCEPT, "application/xml")
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
