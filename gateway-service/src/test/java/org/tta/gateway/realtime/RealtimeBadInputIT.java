package org.tta.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Every bad input of the real-time issue, against a real gateway, Kafka and Redis. */
@TtaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeBadInputIT {

    private static final String ALICE = "alice-bad";
    private static final String SESSION = "rt-bad";
    private static final String OTHER_SESSION = "rt-bad-other";

    GatewayInstance gateway;
    Deliveries deliveries;

    @BeforeAll
    void start() {
        gateway = GatewayInstance.start(getClass(), Map.of(
                "tta.gateway.realtime.max-frame-bytes", "1024",
                "tta.gateway.realtime.frames-per-second", "5",
                // the messages route's own budget: 3 an hour for participants, whether posted or sent as frames
                "tta.gateway.rate-limits.routes[0].name", "messages",
                "tta.gateway.rate-limits.routes[0].path", "/api/v1/sessions/*/messages",
                "tta.gateway.rate-limits.routes[0].method", "POST",
                "tta.gateway.rate-limits.routes[0].classes.participant.capacity", "3",
                "tta.gateway.rate-limits.routes[0].classes.participant.refill", "3",
                "tta.gateway.rate-limits.routes[0].classes.participant.period", "1h"));
        deliveries = new Deliveries(gateway.bean(TopicCatalog.class).name(TopicId.DELIVERIES));
        Members.ensure(gateway.bean(SessionDirectory.class), SESSION, Tokens.aPatient(ALICE));
        Members.ensure(gateway.bean(SessionDirectory.class), OTHER_SESSION, Tokens.aPatient("bob-bad"));
    }

    @AfterAll
    void stop() {
        deliveries.close();
        gateway.close();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + gateway.port()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private WebTestClient.ResponseSpec requestTicket(String token, String sessionId) {
        return http().post().uri("/api/v1/ws-tickets").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sessionId\":\"" + sessionId + "\"}").exchange();
    }

    private String ticket() {
        return requestTicket(Tokens.aPatient(ALICE), SESSION).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("ticket").asString();
    }

    private String url(String sessionId, String query) {
        return "ws://localhost:" + gateway.port() + "/ws/v1/sessions/" + sessionId + (query == null ? "" : "?" + query);
    }

    private static int handshakeStatus(SocketClient client) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(client.failed::isDone);
        Throwable error = client.failed.join();
        assertThat(error).isInstanceOf(WebSocketClientHandshakeException.class);
        return ((WebSocketClientHandshakeException) error).response().status().code();
    }

    private SocketClient live() {
        SocketClient client = SocketClient.connect(url(SESSION, "ticket=" + ticket()), null);
        client.awaitType("presence");
        return client;
    }

    record Upgrade(String name, String sessionId, String query, String bearer, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Upgrade> refusedUpgrades() {
        return Stream.of(
                new Upgrade("no ticket, no token", SESSION, null, null, 401),
                new Upgrade("unknown ticket", SESSION, "ticket=not-a-ticket", null, 401),
                new Upgrade("ticket of another session", OTHER_SESSION, "ticket=" + ticket(), null, 401),
                new Upgrade("bearer of a non-member", OTHER_SESSION, null, Tokens.aPatient(ALICE), 403),
                new Upgrade("expired bearer", SESSION, null, Tokens.anExpiredToken(ALICE), 401),
                new Upgrade("malformed since", SESSION, "since=abc", Tokens.aPatient(ALICE), 400),
                new Upgrade("malformed session id", "bad%20id", null, Tokens.aPatient(ALICE), 400));
    }

    @ParameterizedTest
    @MethodSource("refusedUpgrades")
    void refusesTheUpgradeWithAProblem(Upgrade upgrade) {
        SocketClient client = SocketClient.connect(url(upgrade.sessionId(), upgrade.query()), upgrade.bearer());
        assertThat(handshakeStatus(client)).isEqualTo(upgrade.status());
    }

    @Test
    void refusesATicketForAnotherUsersSession() {
        requestTicket(Tokens.aPatient(ALICE), OTHER_SESSION).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/not-a-participant");
    }

    @Test
    void refusesAReusedTicket() {
        String ticket = ticket();
        try (SocketClient first = SocketClient.connect(url(SESSION, "ticket=" + ticket), null)) {
            first.awaitType("presence");
            assertThat(handshakeStatus(SocketClient.connect(url(SESSION, "ticket=" + ticket), null))).isEqualTo(401);
        }
    }

    /** Waits out the 30 s ticket lifetime: Redis expires the ticket, and the upgrade is refused. */
    @Test
    void refusesAnExpiredTicket() {
        String ticket = ticket();
        ReactiveStringRedisTemplate redis = gateway.bean(ReactiveStringRedisTemplate.class);
        String pattern = gateway.bean(SharedStateProperties.class).key("ws-ticket", "*");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> redis.keys(pattern).count().block() == 0);
        assertThat(handshakeStatus(SocketClient.connect(url(SESSION, "ticket=" + ticket), null))).isEqualTo(401);
    }

    @Test
    void closesOnABinaryFrame() {
        try (SocketClient client = live()) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitCloseCode()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
        }
    }

    @Test
    void closesOnAnOversizedFrame() {
        try (SocketClient client = live()) {
            client.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(2000) + "\"}");
            assertThat(client.awaitCloseCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void answersAnInvalidJsonFrameWithAnErrorAndCarriesOn() {
        try (SocketClient client = live()) {
            client.send("{\"type\":");
            assertThat(client.awaitType("error").path("problem").path("type").asString())
                    .isEqualTo("https://problems.tta.org/malformed-request");
            client.send("{\"type\":\"ping\",\"id\":\"p1\"}");
            assertThat(client.awaitType("pong").path("id").asString()).isEqualTo("p1");
        }
    }

    @Test
    void answersAnInvalidMessageWithTheRestProblemType() {
        try (SocketClient client = live()) {
            client.send("{\"type\":\"message\",\"id\":\"m1\",\"data\":{\"text\":\"hi\",\"admin\":true}}");
            JsonNode error = client.awaitType("error");
            assertThat(error.path("id").asString()).isEqualTo("m1");
            assertThat(error.path("problem").path("type").asString()).isEqualTo("https://problems.tta.org/validation-failed");
        }
    }

    @Test
    void answersAMessageFloodWith429ErrorFramesFromTheSameBucketAsRestPosts() {
        String carol = Tokens.aPatient("carol-flood");
        Members.ensure(gateway.bean(SessionDirectory.class), "rt-flood", carol);
        try (SocketClient client = SocketClient.connect(url("rt-flood", null), carol)) {
            client.awaitType("presence");
            for (int i = 0; i < 4; i++) {
                client.send("{\"type\":\"message\",\"id\":\"f-" + i + "\",\"data\":{\"text\":\"flood " + i + "\"}}");
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).alias("four answers")
                    .untilAsserted(() -> assertThat(client.ofType("ack").size() + client.ofType("error").size())
                            .as("frames %s, closed %s", client.frames, client.closed).isEqualTo(4));
            assertThat(client.ofType("ack")).extracting(f -> f.path("id").asString()).containsExactly("f-0", "f-1", "f-2");
            JsonNode error = client.awaitType("error");
            assertThat(error.path("id").asString()).isEqualTo("f-3");
            assertThat(error.path("problem").path("type").asString()).isEqualTo("https://problems.tta.org/rate-limited");
            assertThat(error.path("problem").path("status").asInt()).isEqualTo(429);
            assertThat(error.path("problem").path("retryAfter").asLong()).isPositive();
            assertThat(client.closed).isNotDone();
        }
        // the frames spent the caller's budget of the REST route too
        http().post().uri("/api/v1/sessions/rt-flood/messages").header("Authorization", "Bearer " + carol)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"by rest\"}").exchange()
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/rate-limited");
    }

    @Test
    void closesAFrameFlood() {
        try (SocketClient client = live()) {
            for (int i = 0; i < 100; i++) {
                client.send("{\"type\":\"ping\"}");
            }
            assertThat(client.awaitCloseCode()).isEqualTo(CloseCodes.TOO_MANY_FRAMES);
        }
    }

    @Test
    void closesAResumeFromTheFuture() {
        String position = position(SESSION);
        String future = position.split("-")[0] + "-" + (Long.parseLong(position.split("-")[1]) + 1000);
        SocketClient client = SocketClient.connect(url(SESSION, "since=" + future), Tokens.aPatient(ALICE));
        assertThat(client.awaitCloseCode()).isEqualTo(CloseCodes.INVALID_POSITION);
        assertThat(client.awaitType("error").path("problem").path("type").asString())
                .isEqualTo("https://problems.tta.org/validation-failed");
    }

    @Test
    void closesAResumeFromAnotherSessionsPosition() {
        String theirs = position(OTHER_SESSION);
        SocketClient client = SocketClient.connect(url(SESSION, "since=" + theirs), Tokens.aPatient(ALICE));
        assertThat(client.awaitCloseCode()).isEqualTo(CloseCodes.INVALID_POSITION);
    }

    @Test
    void answersResumeUnavailableWhenTheEventsAfterThePositionAreNoLongerRetained() throws Exception {
        String old = position(SESSION);
        String newest = position(SESSION);
        int partition = Integer.parseInt(old.split("-")[0]);
        long end = Long.parseLong(newest.split("-")[1]) + 1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            String topic = gateway.bean(TopicCatalog.class).name(TopicId.DELIVERIES);
            admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(end))).all().get();
        }
        // retention deletes only records older than the history cache's ttl (at most the retention), whose
        // stream has expired by then: deleting the records by hand, the stream goes too
        gateway.bean(ReactiveStringRedisTemplate.class).delete(gateway.bean(SharedStateProperties.class).key("hist", SESSION)).block();
        SocketClient client = SocketClient.connect(url(SESSION, "since=" + old), Tokens.aPatient(ALICE));
        assertThat(client.awaitCloseCode()).isEqualTo(CloseCodes.RESUME_UNAVAILABLE);
        JsonNode frame = client.awaitType("resume-unavailable");
        assertThat(frame.path("since").asString()).isEqualTo(old);
        assertThat(client.ofType("event")).isEmpty();
    }

    @Test
    void closesWhenTheTokenExpiresWithoutRenewalAndStaysWhenRenewed() {
        SocketClient expiring = SocketClient.connect(url(SESSION, null),
                Tokens.builder(ALICE).roles("patient").expiresIn(Duration.ofSeconds(3)).sign());
        SocketClient renewed = SocketClient.connect(url(SESSION, null),
                Tokens.builder(ALICE).roles("patient").expiresIn(Duration.ofSeconds(3)).sign());
        renewed.awaitType("presence");
        renewed.send("{\"type\":\"auth\",\"token\":\"" + Tokens.aPatient(ALICE) + "\"}");
        renewed.awaitType("auth");

        assertThat(expiring.awaitCloseCode()).isEqualTo(CloseCodes.AUTH_EXPIRED);
        renewed.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
        assertThat(renewed.awaitType("pong").path("id").asString()).isEqualTo("still-here");
        assertThat(renewed.closed).isNotDone();
        renewed.close();
    }

    /** The position of a fresh event of the session, as a live client sees it. */
    private String position(String sessionId) {
        String member = SESSION.equals(sessionId) ? ALICE : "bob-bad";
        try (SocketClient client = SocketClient.connect(url(sessionId, null), Tokens.aPatient(member))) {
            client.awaitType("presence");
            deliveries.send(sessionId, 1);
            return client.awaitEvents(1).get(0).path("position").asString();
        }
    }
}
