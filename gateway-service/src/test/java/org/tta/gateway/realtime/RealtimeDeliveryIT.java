package org.tta.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway instances on random ports sharing Kafka and Redis; real WebSocket and SSE clients. Delivery
 * records are written straight to tta.deliveries.v1 (the router's output) or copied there from the session
 * events by a test forwarder.
 */
@TtaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeDeliveryIT {

    private static final Map<String, Object> SETTINGS = Map.of(
            "tta.gateway.realtime.outbound-buffer", "16",
            "tta.gateway.realtime.presence-ttl", "3s",
            "tta.gateway.realtime.heartbeat", "1s",
            "tta.gateway.realtime.max-frame-bytes", "4096",
            "tta.gateway.realtime.frames-per-second", "20",
            "tta.gateway.realtime.close-timeout", "3s",
            "tta.gateway.realtime.idle-timeout", "10s",
            "tta.gateway.realtime.max-connections-per-user", "3");

    GatewayInstance a;
    GatewayInstance b;
    Deliveries deliveries;

    @BeforeAll
    void start() {
        a = GatewayInstance.start(getClass(), SETTINGS);
        b = GatewayInstance.start(getClass(), SETTINGS);
        deliveries = new Deliveries(a.bean(TopicCatalog.class).name(TopicId.DELIVERIES));
    }

    @AfterAll
    void stop() {
        deliveries.close();
        b.close();
        a.close();
    }

    private void members(String sessionId, String... tokens) {
        for (String token : tokens) {
            Members.ensure(a.bean(SessionDirectory.class), sessionId, token);
        }
    }

    private static WebTestClient http(GatewayInstance instance) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + instance.port()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static String ticket(GatewayInstance instance, String token, String sessionId) {
        return http(instance).post().uri("/api/v1/ws-tickets").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sessionId\":\"" + sessionId + "\"}")
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("ticket").asString();
    }

    private static String url(GatewayInstance instance, String sessionId, String query) {
        return "ws://localhost:" + instance.port() + "/ws/v1/sessions/" + sessionId + (query == null ? "" : "?" + query);
    }

    /** Connects with a ticket and waits until the socket is live (its first presence frame). */
    private static SocketClient join(GatewayInstance instance, String token, String sessionId, String since) {
        String query = "ticket=" + ticket(instance, token, sessionId) + (since == null ? "" : "&since=" + since);
        SocketClient client = SocketClient.connect(url(instance, sessionId, query), null);
        if (since == null) {
            client.awaitType("presence");
        }
        return client;
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("event").path("id").asString()).toList();
    }

    @Test
    void deliversEveryEventInOrderToEveryParticipantOnBothInstances() {
        String alice = Tokens.aPatient("alice-order");
        String theo = Tokens.aTherapist("theo-order");
        members("rt-order", alice, theo);
        try (SocketClient onA = join(a, alice, "rt-order", null);
             SocketClient onB = SocketClient.connect(url(b, "rt-order", null), theo)) {
            onB.awaitType("presence");
            List<String> sent = deliveries.send("rt-order", 30);

            assertThat(ids(onA.awaitEvents(30))).containsExactlyElementsOf(sent);
            assertThat(ids(onB.awaitEvents(30))).containsExactlyElementsOf(sent);
            assertThat(onA.ofType("event").stream().map(e -> e.path("position").asString()).toList())
                    .isEqualTo(onB.ofType("event").stream().map(e -> e.path("position").asString()).toList());
        }
    }

    @Test
    void acknowledgesAMessageFrameAndDeliversItToTheOtherParticipantOnTheOtherInstance() throws Exception {
        String alice = Tokens.aPatient("alice-msg");
        String theo = Tokens.aTherapist("theo-msg");
        members("rt-msg", alice, theo);
        TopicCatalog topics = a.bean(TopicCatalog.class);
        try (SessionEventsForwarder forwarder = new SessionEventsForwarder(topics.name(TopicId.SESSION_EVENTS), topics.name(TopicId.DELIVERIES));
             SocketClient onA = join(a, alice, "rt-msg", null);
             SocketClient onB = join(b, theo, "rt-msg", null)) {
            onA.send("{\"type\":\"message\",\"id\":\"c-1\",\"data\":{\"text\":\"hello from a\"}}");

            JsonNode ack = onA.awaitType("ack");
            assertThat(ack.path("id").asString()).isEqualTo("c-1");
            assertThat(ack.path("position").asString()).matches("\\d+-\\d+");
            JsonNode event = onB.awaitEvents(1).get(0);
            assertThat(event.path("event").path("id").asString()).isEqualTo(ack.path("eventId").asString());
            assertThat(event.path("event").path("data").path("text").asString()).isEqualTo("hello from a");
            assertThat(ids(onA.awaitEvents(1))).containsExactly(ack.path("eventId").asString());
        }
    }

    @Test
    void resumesOnTheOtherInstanceWithNoGapAndNoDuplicate() {
        String alice = Tokens.aPatient("alice-resume");
        members("rt-resume", alice);
        List<String> first;
        String last;
        try (SocketClient onA = join(a, alice, "rt-resume", null)) {
            first = deliveries.send("rt-resume", 5);
            List<JsonNode> seen = onA.awaitEvents(5);
            last = seen.get(4).path("position").asString();
        }
        List<String> missed = deliveries.send("rt-resume", 5, "missed");

        try (SocketClient onB = join(b, alice, "rt-resume", last)) {
            assertThat(ids(onB.awaitEvents(5))).containsExactlyElementsOf(missed);
            List<String> live = deliveries.send("rt-resume", 3, "live");
            List<String> all = ids(onB.awaitEvents(8));
            assertThat(all).containsExactlyElementsOf(Stream.concat(missed.stream(), live.stream()).toList());
            assertThat(all).doesNotContainAnyElementsOf(first);
        }
    }

    @Test
    void resumesAfterARestartOfTheInstanceWithNoGapAndNoDuplicate() {
        String alice = Tokens.aPatient("alice-restart");
        members("rt-restart", alice);
        String last;
        try (SocketClient onB = join(b, alice, "rt-restart", null)) {
            deliveries.send("rt-restart", 3);
            last = onB.awaitEvents(3).get(2).path("position").asString();
            b.close();
            assertThat(onB.awaitCloseCode()).isEqualTo(CloseCodes.GOING_AWAY);
        }
        List<String> whileDown = deliveries.send("rt-restart", 4, "while down");
        b = GatewayInstance.start(getClass(), SETTINGS);

        try (SocketClient again = join(b, alice, "rt-restart", last)) {
            assertThat(ids(again.awaitEvents(4))).containsExactlyElementsOf(whileDown);
            List<String> live = deliveries.send("rt-restart", 2, "after");
            assertThat(ids(again.awaitEvents(6))).containsExactlyElementsOf(Stream.concat(whileDown.stream(), live.stream()).toList());
        }
    }

    @Test
    void announcesJoinAndLeaveAcrossInstances() {
        String alice = Tokens.aPatient("alice-presence");
        String theo = Tokens.aTherapist("theo-presence");
        members("rt-presence", alice, theo);
        try (SocketClient onA = join(a, alice, "rt-presence", null)) {
            SocketClient onB = join(b, theo, "rt-presence", null);
            onA.await(f -> "presence".equals(f.path("type").asString())
                    && f.path("joined").toString().contains("theo-presence")
                    && f.path("participants").size() == 2);
            onB.close();
            onA.await(f -> "presence".equals(f.path("type").asString())
                    && f.path("left").toString().contains("theo-presence")
                    && f.path("participants").size() == 1);
        }
    }

    @Test
    void removesItsPresenceAndConnectionSlotsFromRedisBeforeAGracefulShutdownEnds() throws Exception {
        String alice = Tokens.aPatient("alice-shutdown");
        List<String> subjects = IntStream.range(0, 12).mapToObj(i -> "p" + i + "-shutdown").toList();
        members("rt-shutdown", alice);
        subjects.forEach(subject -> members("rt-shutdown", Tokens.aPatient(subject)));
        ReactiveStringRedisTemplate redis = a.bean(ReactiveStringRedisTemplate.class);
        SharedStateProperties keys = a.bean(SharedStateProperties.class);
        URI redisUri = URI.create(TestInfrastructure.get().redisUri());
        List<SocketClient> onC = new ArrayList<>();
        try (TcpProxy redisLink = new TcpProxy(redisUri.getPort());
             SocketClient onA = join(a, alice, "rt-shutdown", null)) {
            Map<String, Object> settings = new HashMap<>(SETTINGS);
            settings.put("tta.gateway.realtime.presence-ttl", "300s"); // only the shutdown itself can remove them in time
            settings.put("spring.data.redis.url", redisUri.getScheme() + "://" + redisUri.getHost() + ":" + redisLink.port()
                    + (redisUri.getRawPath() == null ? "" : redisUri.getRawPath()));
            GatewayInstance c = GatewayInstance.start(getClass(), settings);
            try {
                for (String subject : subjects) {
                    SocketClient socket = SocketClient.connect(url(c, "rt-shutdown", null), Tokens.aPatient(subject));
                    onC.add(socket);
                    socket.awaitType("presence");
                }
                onA.await(f -> "presence".equals(f.path("type").asString()) && f.path("participants").size() == 13);
                assertThat(redis.opsForZSet().size(keys.key("rt-slots", "p0-shutdown")).block()).isEqualTo(1);

                redisLink.delay(Duration.ofMillis(500)); // c's leaves are still on their way when the rest of it stops
                c.close();

                // when close() returns, nothing of c's connections is left in Redis: no wait for presence-ttl
                assertThat(redis.opsForZSet().range(keys.key("presence", "rt-shutdown"), Range.unbounded()).collectList().block())
                        .singleElement().asString().contains("alice-shutdown");
                for (String subject : subjects) {
                    assertThat(redis.opsForZSet().size(keys.key("rt-slots", subject)).block()).as(subject).isZero();
                }
                onA.await(f -> "presence".equals(f.path("type").asString()) && f.path("participants").size() == 1);
            } finally {
                onC.forEach(SocketClient::close);
                c.close();
            }
        }
    }

    @Test
    void keepsRefreshingALiveConnectionsPresenceAndSlotAndDropsEntriesThatExpired() {
        String erin = Tokens.aPatient("erin-refresh");
        members("rt-refresh", erin);
        ReactiveStringRedisTemplate redis = a.bean(ReactiveStringRedisTemplate.class);
        SharedStateProperties keys = a.bean(SharedStateProperties.class);
        String presence = keys.key("presence", "rt-refresh");
        String slots = keys.key("rt-slots", "erin-refresh");
        try (SocketClient onA = join(a, erin, "rt-refresh", null)) {
            // the entry of a connection whose instance died long ago, and keys that lost their expiry
            redis.opsForZSet().add(presence, "{\"c\":\"gone\",\"s\":\"ghost-refresh\",\"r\":\"patient\"}", 1).block();
            redis.persist(presence).block();
            redis.persist(slots).block();
            double presenceAtJoin = score(redis, presence, "erin-refresh");
            double slotAtJoin = score(redis, slots, null);

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(score(redis, presence, "erin-refresh")).isGreaterThan(presenceAtJoin);
                assertThat(score(redis, slots, null)).isGreaterThan(slotAtJoin);
                assertThat(redis.getExpire(presence).block()).isPositive();
                assertThat(redis.getExpire(slots).block()).isPositive();
                assertThat(redis.opsForZSet().range(presence, Range.unbounded()).collectList().block())
                        .singleElement().asString().contains("erin-refresh");
            });
        }
    }

    /** The highest score in the sorted set among members naming the subject (any member when null); 0 if none. */
    private static double score(ReactiveStringRedisTemplate redis, String key, String subject) {
        return redis.opsForZSet().rangeWithScores(key, Range.unbounded())
                .filter(entry -> subject == null || entry.getValue().contains("\"" + subject + "\""))
                .map(entry -> entry.getScore())
                .reduce(Double::max)
                .blockOptional().orElse(0.0);
    }

    private static boolean left(JsonNode frame, String subject, int remaining) {
        return "presence".equals(frame.path("type").asString()) && frame.path("left").toString().contains(subject)
                && frame.path("participants").size() == remaining;
    }

    private static boolean joined(JsonNode frame, String subject, int now) {
        return "presence".equals(frame.path("type").asString()) && frame.path("joined").toString().contains(subject)
                && frame.path("participants").size() == now;
    }

    @Test
    void leavesPresenceWhenAConnectionGoesSilentWithoutACloseFrame() throws Exception {
        String alice = Tokens.aPatient("alice-silent");
        String theo = Tokens.aTherapist("theo-silent");
        members("rt-silent", alice, theo);
        try (SocketClient onA = join(a, alice, "rt-silent", null);
             TcpProxy network = new TcpProxy(b.port());
             SocketClient onB = SocketClient.connect("ws://localhost:" + network.port() + "/ws/v1/sessions/rt-silent", theo)) {
            onA.await(f -> joined(f, "theo-silent", 2));
            network.freeze(); // no close frame, no FIN: only the missing pongs tell
            onA.await(f -> left(f, "theo-silent", 1));
            assertThat(b.bean(SessionHub.class).connectionsOf("rt-silent")).isEmpty();
        }
    }

    @Test
    void leavesPresenceWhenTheInstanceHoldingTheConnectionStopsHeartbeating() throws Exception {
        String alice = Tokens.aPatient("alice-lost");
        String theo = Tokens.aTherapist("theo-lost");
        members("rt-lost", alice, theo);
        URI redis = URI.create(TestInfrastructure.get().redisUri());
        try (TcpProxy redisLink = new TcpProxy(redis.getPort())) {
            Map<String, Object> settings = new java.util.HashMap<>(SETTINGS);
            settings.put("spring.data.redis.url", redis.getScheme() + "://" + redis.getHost() + ":" + redisLink.port()
                    + (redis.getRawPath() == null ? "" : redis.getRawPath()));
            try (GatewayInstance c = GatewayInstance.start(getClass(), settings);
                 SocketClient onA = join(a, alice, "rt-lost", null);
                 SocketClient onC = SocketClient.connect(url(c, "rt-lost", null), theo)) {
                onA.await(f -> joined(f, "theo-lost", 2));
                redisLink.freeze(); // instance c can no longer refresh its connections' presence: as if it died
                onA.await(f -> left(f, "theo-lost", 1));
                assertThat(c.bean(SessionHub.class).connectionsOf("rt-lost")).hasSize(1); // still connected to c
                redisLink.close();
            }
        }
    }

    @Test
    void streamsOverSseWithASingleUseTicket() {
        String alice = Tokens.aPatient("alice-sse-ticket");
        members("rt-sse-ticket", alice);
        String ticket = ticket(a, alice, "rt-sse-ticket");
        String stream = "http://localhost:" + b.port() + "/api/v1/sessions/rt-sse-ticket/stream";
        try (SseClient browser = SseClient.connect(stream + "?ticket=" + ticket, null, null)) {
            browser.awaitNamed("presence", 1);
            List<String> sent = deliveries.send("rt-sse-ticket", 2);
            List<SseClient.Event> events = browser.awaitNamed("event", 2);
            assertThat(events.get(0).data()).contains(sent.get(0));
            assertThat(events.get(1).data()).contains(sent.get(1));
            assertThat(browser.status).isEqualTo(200);
        }
        try (SseClient reused = SseClient.connect(stream + "?ticket=" + ticket, null, null);
             SseClient none = SseClient.connect(stream, null, null);
             SseClient otherSession = SseClient.connect("http://localhost:" + b.port() + "/api/v1/sessions/rt-order/stream?ticket="
                     + ticket(a, alice, "rt-sse-ticket"), null, null)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> reused.status != 0 && none.status != 0 && otherSession.status != 0);
            assertThat(List.of(reused.status, none.status, otherSession.status)).containsOnly(401);
        }
    }

    @Test
    void limitsConnectionsPerUserAcrossInstances() {
        String dana = Tokens.aPatient("dana-limit");
        members("rt-limit", dana);
        String stream = "/api/v1/sessions/rt-limit/stream";
        try (SocketClient first = SocketClient.connect(url(a, "rt-limit", null), dana);
             SocketClient second = SocketClient.connect(url(a, "rt-limit", null), dana);
             SseClient third = SseClient.connect("http://localhost:" + b.port() + stream, dana, null)) {
            first.awaitType("presence");
            second.awaitType("presence");
            third.awaitNamed("presence", 1);
            // b holds one of dana's connections, a two: the limit of 3 is dana's on both together
            SocketClient fourth = SocketClient.connect(url(b, "rt-limit", null), dana);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(fourth.failed::isDone);
            assertThat(fourth.failed.join()).isInstanceOf(WebSocketClientHandshakeException.class);
            assertThat(((WebSocketClientHandshakeException) fourth.failed.join()).response().status().code()).isEqualTo(429);
            try (SseClient fifth = SseClient.connect("http://localhost:" + a.port() + stream, dana, null)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fifth.status != 0);
                assertThat(fifth.status).isEqualTo(429);
            }

            first.close();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.bean(SessionHub.class).connectionsOf("rt-limit").size() == 1);
            try (SocketClient again = SocketClient.connect(url(b, "rt-limit", null), dana)) {
                assertThat(again.awaitType("presence")).isNotNull();
            }
        }
    }

    private static double bufferDrops(GatewayInstance instance) {
        return instance.bean(MeterRegistry.class).find("tta.gateway.realtime.buffer.drops").tag("transport", "websocket")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double closes(GatewayInstance instance, int code) {
        return instance.bean(MeterRegistry.class).find("tta.gateway.realtime.closes").tag("transport", "websocket")
                .tag("code", Integer.toString(code)).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void closesASlowConsumerWith4509AndItResumesWithoutLoss() {
        String alice = Tokens.aPatient("alice-slow");
        members("rt-slow", alice);
        double dropsBefore = bufferDrops(a);
        SocketClient slow = SocketClient.connect(url(a, "rt-slow", "ticket=" + ticket(a, alice, "rt-slow")), null, false);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.bean(SessionHub.class).connectionsOf("rt-slow").size() == 1);
        String big = "x".repeat(32 * 1024);
        List<String> sent = deliveries.send("rt-slow", 400, big);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> bufferDrops(a) > dropsBefore);
        slow.startReading();
        // the frames queued before the cut, then the close frame: the client learns why and resumes
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> slow.closed.isDone() || slow.failed.isDone());
        List<JsonNode> got = slow.ofType("event");
        assertThat(slow.closed).as("close status; events read %d; ended %s", got.size(), slow.failed).isDone();
        assertThat(slow.closed.join().code()).isEqualTo(CloseCodes.SLOW_CONSUMER);
        assertThat(got.size()).isLessThan(sent.size());
        assertThat(ids(got)).containsExactlyElementsOf(sent.subList(0, got.size()));

        assertThat(got).isNotEmpty();

        String since = got.get(got.size() - 1).path("position").asString();
        try (SocketClient resumed = join(b, alice, "rt-slow", since)) {
            List<String> rest = sent.subList(got.size(), sent.size());
            assertThat(ids(resumed.awaitEvents(rest.size()))).containsExactlyElementsOf(rest);
        }
    }

    @Test
    void dropsAConsumerThatNeverReadsAfterTheCloseTimeoutHoldingNothingForIt() {
        String alice = Tokens.aPatient("alice-stuck");
        members("rt-stuck", alice);
        double closesBefore = closes(a, CloseCodes.SLOW_CONSUMER);
        SocketClient stuck = SocketClient.connect(url(a, "rt-stuck", "ticket=" + ticket(a, alice, "rt-stuck")), null, false);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.bean(SessionHub.class).connectionsOf("rt-stuck").size() == 1);
        deliveries.send("rt-stuck", 400, "x".repeat(32 * 1024));

        // the client has read nothing, so its close frame cannot go out: the gateway lets go of it anyway
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.bean(SessionHub.class).connectionsOf("rt-stuck").isEmpty());
        assertThat(closes(a, CloseCodes.SLOW_CONSUMER))
                .isGreaterThan(closesBefore);
        deliveries.send("rt-stuck", 50, "after the cut");
        stuck.startReading();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stuck.closed.isDone() || stuck.failed.isDone());
        assertThat(stuck.ofType("event")).noneMatch(e -> e.toString().contains("after the cut"));
    }

    @Test
    void streamsOverSseWithPositionsAsIdsAndResumesFromLastEventIdOnTheOtherInstance() {
        String alice = Tokens.aPatient("alice-sse");
        members("rt-sse", alice);
        String path = "/api/v1/sessions/rt-sse/stream";
        String last;
        try (SseClient first = SseClient.connect("http://localhost:" + a.port() + path, alice, null)) {
            first.awaitNamed("presence", 1);
            List<String> sent = deliveries.send("rt-sse", 3);
            List<SseClient.Event> events = first.awaitNamed("event", 3);
            assertThat(events).extracting(SseClient.Event::data).allSatisfy(data -> assertThat(data).contains("\"type\":\"event\""));
            assertThat(events.stream().map(e -> e.data().contains(sent.get(events.indexOf(e)))).toList()).containsOnly(true);
            assertThat(events).extracting(SseClient.Event::id).allMatch(id -> id.matches("\\d+-\\d+"));
            last = events.get(2).id();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !first.comments.isEmpty());
        }
        List<String> missed = deliveries.send("rt-sse", 2, "missed");
        try (SseClient resumed = SseClient.connect("http://localhost:" + b.port() + path, alice, last)) {
            List<SseClient.Event> events = resumed.awaitNamed("event", 2);
            assertThat(events.get(0).data()).contains(missed.get(0));
            assertThat(events.get(1).data()).contains(missed.get(1));
            deliveries.send("rt-sse", 1, "live");
            assertThat(resumed.awaitNamed("event", 3)).hasSize(3);
        }
    }
}
