package org.tta.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Resumes served from the history cache (a Redis stream per session) and, where it cannot prove itself
 * complete, from Kafka: two gateway instances on random ports sharing Kafka and Redis, real WebSocket
 * clients. Each test asserts the source ({@code tta.gateway.realtime.resumes{source}}) and the exact events.
 */
@TtaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeCacheIT {

    private static final Map<String, Object> SETTINGS = Map.of(
            "tta.gateway.realtime.outbound-buffer", "128",
            "tta.gateway.realtime.presence-ttl", "3s",
            "tta.gateway.realtime.heartbeat", "1s",
            "tta.gateway.realtime.history-cache.per-session", "8",
            // the seam wait is only ever needed under load; generous here so that the source is deterministic
            "tta.gateway.realtime.history-cache.seam-wait", "10s");

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

    private void member(String sessionId, String token) {
        Members.ensure(a.bean(SessionDirectory.class), sessionId, token);
    }

    private static String ticket(GatewayInstance instance, String token, String sessionId) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + instance.port()).responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/api/v1/ws-tickets").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sessionId\":\"" + sessionId + "\"}")
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("ticket").asString();
    }

    private static SocketClient join(GatewayInstance instance, String token, String sessionId, String since) {
        String query = "ticket=" + ticket(instance, token, sessionId) + (since == null ? "" : "&since=" + since);
        SocketClient client = SocketClient.connect("ws://localhost:" + instance.port() + "/ws/v1/sessions/" + sessionId + "?" + query, null);
        if (since == null) {
            client.awaitType("presence");
        }
        return client;
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("event").path("id").asString()).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static double resumes(GatewayInstance instance, String source) {
        return instance.bean(MeterRegistry.class).find("tta.gateway.realtime.resumes").tag("outcome", "resumed")
                .tag("source", source).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double counted(GatewayInstance instance, String name, String tag, String value) {
        return instance.bean(MeterRegistry.class).find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double writes(GatewayInstance instance, String outcome) {
        return counted(instance, "tta.gateway.realtime.history.cache.writes", "outcome", outcome);
    }

    private String streamKey(String sessionId) {
        return a.bean(SharedStateProperties.class).key("hist", sessionId);
    }

    /** The first events of a session, seen live on {@code instance}; returns them (the last one's position is where to resume). */
    private List<JsonNode> seen(GatewayInstance instance, String token, String sessionId, int count) {
        try (SocketClient client = join(instance, token, sessionId, null)) {
            deliveries.send(sessionId, count);
            return client.awaitEvents(count);
        }
    }

    /** Resumes on {@code instance} from {@code since}, expects exactly {@code missed}, then live events after it. */
    private void resumesExactly(GatewayInstance instance, String token, String sessionId, String since, List<String> missed) {
        try (SocketClient resumed = join(instance, token, sessionId, since)) {
            assertThat(ids(resumed.awaitEvents(missed.size()))).containsExactlyElementsOf(missed);
            List<String> live = deliveries.send(sessionId, 3, "live");
            assertThat(ids(resumed.awaitEvents(missed.size() + 3))).containsExactlyElementsOf(concat(missed, live));
        }
    }

    @Test
    void resumesAfterADisconnectFromTheCacheWithNoGapAndNoDuplicate() {
        String alice = Tokens.aPatient("alice-c-same");
        member("rc-same", alice);
        String last = seen(a, alice, "rc-same", 4).get(3).path("position").asString();
        List<String> missed = deliveries.send("rc-same", 5, "missed");
        double fromCache = resumes(a, "cache");
        double fromKafka = resumes(a, "kafka");

        resumesExactly(a, alice, "rc-same", last, missed);

        assertThat(resumes(a, "cache")).isEqualTo(fromCache + 1);
        assertThat(resumes(a, "kafka")).isEqualTo(fromKafka);
    }

    @Test
    void resumesOnTheOtherInstanceFromTheCache() {
        String alice = Tokens.aPatient("alice-c-other");
        member("rc-other", alice);
        String last = seen(a, alice, "rc-other", 3).get(2).path("position").asString();
        List<String> missed = deliveries.send("rc-other", 4, "missed");
        double fromCache = resumes(b, "cache");
        double fromKafka = resumes(b, "kafka");

        resumesExactly(b, alice, "rc-other", last, missed);

        assertThat(resumes(b, "cache")).isEqualTo(fromCache + 1);
        assertThat(resumes(b, "kafka")).isEqualTo(fromKafka);
    }

    @Test
    void seeksKafkaForAPositionTheCacheNoLongerHolds() {
        String alice = Tokens.aPatient("alice-c-old");
        member("rc-old", alice);
        List<JsonNode> events = seen(a, alice, "rc-old", 60);
        String first = events.get(0).path("position").asString();
        String firstId = first.substring(first.indexOf('-') + 1) + "-" + (Integer.parseInt(first.substring(0, first.indexOf('-'))) + 1);
        ReactiveStringRedisTemplate redis = a.bean(ReactiveStringRedisTemplate.class);
        // the stream keeps about per-session (8) entries: the first was trimmed away
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                redis.opsForStream().size(streamKey("rc-old")).block() < 60
                        && redis.opsForStream().range(streamKey("rc-old"), Range.closed(firstId, firstId)).collectList().block().isEmpty());
        double fromKafka = resumes(b, "kafka");
        double absent = counted(b, "tta.gateway.realtime.history.cache.misses", "reason", "absent");

        resumesExactly(b, alice, "rc-old", first, ids(events.subList(1, 60)));

        assertThat(resumes(b, "kafka")).isEqualTo(fromKafka + 1);
        assertThat(counted(b, "tta.gateway.realtime.history.cache.misses", "reason", "absent")).isEqualTo(absent + 1);
    }

    @Test
    void seeksKafkaWhenAWriteFailedAndLeftAHoleInTheStream() {
        String alice = Tokens.aPatient("alice-c-hole");
        member("rc-hole", alice);
        String last = seen(a, alice, "rc-hole", 3).get(2).path("position").asString();
        String markKey = a.bean(SharedStateProperties.class).key("hist-mark", last.substring(0, last.indexOf('-')));
        ReactiveStringRedisTemplate redis = a.bean(ReactiveStringRedisTemplate.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> redis.opsForStream().size(streamKey("rc-hole")).block() == 3);
        Map<Object, Object> mark = redis.opsForHash().entries(markKey).collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
        assertThat(mark).containsKeys("epoch", "v", "w");

        // the partition's mark cannot be read: every instance's next write fails before appending anything
        double failedA = writes(a, "failed");
        double failedB = writes(b, "failed");
        redis.opsForValue().set(markKey, "not a hash").block();
        List<String> lost = deliveries.send("rc-hole", 1, "lost");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> writes(a, "failed") > failedA && writes(b, "failed") > failedB);
        // Redis recovers as it was, same epoch and all: only the writers know that a record is missing
        redis.delete(markKey).then(redis.opsForHash().putAll(markKey, mark)).block();
        double writtenA = writes(a, "written");
        double writtenB = writes(b, "written");
        List<String> after = deliveries.send("rc-hole", 2, "after");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> writes(a, "written") >= writtenA + 2 && writes(b, "written") >= writtenB + 2);
        assertThat(redis.opsForStream().size(streamKey("rc-hole")).block()).isEqualTo(5); // the hole: 3 + 2, "lost" is not there
        double fromKafka = resumes(b, "kafka");

        resumesExactly(b, alice, "rc-hole", last, concat(lost, after));

        assertThat(resumes(b, "kafka")).isEqualTo(fromKafka + 1);
    }

    @Test
    void seeksKafkaWhenTheSessionsStreamWasLostMidWay() {
        String alice = Tokens.aPatient("alice-c-lost");
        member("rc-lost", alice);
        String last = seen(a, alice, "rc-lost", 3).get(2).path("position").asString();
        ReactiveStringRedisTemplate redis = a.bean(ReactiveStringRedisTemplate.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> redis.opsForStream().size(streamKey("rc-lost")).block() == 3);
        List<String> missed = deliveries.send("rc-lost", 1, "before");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> redis.opsForStream().size(streamKey("rc-lost")).block() == 4);
        redis.delete(streamKey("rc-lost")).block(); // evicted, or expired: it comes back with the next write only
        missed = concat(missed, deliveries.send("rc-lost", 2, "after"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> redis.opsForStream().size(streamKey("rc-lost")).block() == 2);
        double fromKafka = resumes(a, "kafka");

        resumesExactly(a, alice, "rc-lost", last, missed);

        assertThat(resumes(a, "kafka")).isEqualTo(fromKafka + 1);
    }

    @Test
    void resumesFromTheCacheAfterARestartOfTheInstance() {
        String alice = Tokens.aPatient("alice-c-restart");
        member("rc-restart", alice);
        String last;
        try (SocketClient onB = join(b, alice, "rc-restart", null)) {
            deliveries.send("rc-restart", 3);
            last = onB.awaitEvents(3).get(2).path("position").asString();
            b.close();
            assertThat(onB.awaitCloseCode()).isEqualTo(CloseCodes.GOING_AWAY);
        }
        List<String> whileDown = deliveries.send("rc-restart", 4, "while down");
        ReactiveStringRedisTemplate redis = a.bean(ReactiveStringRedisTemplate.class);
        // instance a keeps writing the cache meanwhile (the restarted b only reads from where it starts)
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> redis.opsForStream().size(streamKey("rc-restart")).block() == 7);
        b = GatewayInstance.start(getClass(), SETTINGS);

        resumesExactly(b, alice, "rc-restart", last, whileDown);

        assertThat(resumes(b, "cache")).isEqualTo(1);
        assertThat(resumes(b, "kafka")).isZero();
    }
}
