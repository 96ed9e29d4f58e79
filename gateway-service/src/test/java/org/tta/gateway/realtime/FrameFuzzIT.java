package org.tta.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tta.gateway.fuzz.FuzzRun;
import org.tta.gateway.fuzz.Mutator;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Bad input at volume over a real WebSocket (real Kafka and Redis): mutants of valid frames each get
 * exactly one answer, never a 5xx problem, and the connection stays open; exactly the acknowledged
 * messages reach Kafka. Mutated resume positions are refused at the handshake with 400, never 5xx.
 */
@TtaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrameFuzzIT {

    private static final String SESSION = "rt-fuzz";
    private static final String ALICE = "alice-fuzz";
    private static final int MAX_FRAME = 65_536;
    private static final List<String> ANSWERS = List.of("ack", "error", "pong", "authenticated");

    GatewayInstance gateway;

    @BeforeAll
    void start() {
        // Limits that the fuzzer should not trip over: it is after the parsers, not the flood guard.
        gateway = GatewayInstance.start(getClass(), Map.of(
                "tta.gateway.realtime.max-frame-bytes", Integer.toString(MAX_FRAME),
                "tta.gateway.realtime.frames-per-second", "100000",
                "tta.gateway.rate-limits.enabled", "false"));
        Members.ensure(gateway.bean(SessionDirectory.class), SESSION, Tokens.aPatient(ALICE));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private String url(String query) {
        return "ws://localhost:" + gateway.port() + "/ws/v1/sessions/" + SESSION + (query == null ? "" : "?" + query);
    }

    @Test
    void everyMutatedFrameGetsOneClientSideAnswerAndOnlyAcknowledgedMessagesAreWritten() {
        FuzzRun run = FuzzRun.of(600);
        Mutator frames = Mutator.ofText(run.seed(), List.of("{\"type\":\"ping\",\"id\":\"p1\"}",
                "{\"type\":\"message\",\"id\":\"m1\",\"data\":{\"text\":\"hello there\"}}",
                "{\"type\":\"auth\",\"token\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\"}"));
        try (SocketClient client = SocketClient.connect(url(null), Tokens.aPatient(ALICE))) {
            client.awaitType("presence");
            List<String> sent = new java.util.ArrayList<>();
            while (sent.size() < run.iterations()) {
                String frame = frames.nextText();
                if (frame.getBytes(StandardCharsets.UTF_8).length <= MAX_FRAME) { // larger: closed with 1009, see RealtimeBadInputIT
                    sent.add(frame);
                    client.send(frame);
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(120))
                    .until(() -> client.closed.isDone() || answers(client).size() == run.iterations());
            int answered = answers(client).size();
            assertThat(client.closed.getNow(null)).as("the connection's close (%s) after %d answers; next frame %s",
                    run.replay(), answered, answered < sent.size() ? sent.get(answered) : "-").isNull();

            List<JsonNode> answers = answers(client);
            assertThat(answers).as("answers (%s)", run.replay()).hasSize(run.iterations());
            assertThat(answers).as("no answer is a server error (%s)", run.replay())
                    .noneMatch(frame -> frame.path("problem").path("status").asInt() >= 500);
            // A repeated frame id is an Idempotency-Key: its ack replays the first event's, so count events.
            long acks = answers.stream().filter(frame -> "ack".equals(frame.path("type").asString()))
                    .map(frame -> frame.path("eventId").asString()).distinct().count();
            long errors = answers.stream().filter(frame -> "error".equals(frame.path("type").asString())).count();
            assertThat(acks).as("acknowledged events (%s)", run.replay()).isPositive();
            assertThat(errors).as("refused frames (%s)", run.replay()).isPositive();

            try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(),
                    gateway.bean(TopicCatalog.class).name(TopicId.SESSION_EVENTS))) {
                int written = probe.awaitRecords((int) acks, Duration.ofSeconds(60)).size();
                written += probe.pollFor(Duration.ofSeconds(2)).size();
                assertThat(written).as("messages in Kafka for %d acknowledged events (%s)", acks, run.replay()).isEqualTo((int) acks);
            }
        }
    }

    @Test
    void mutatedResumePositionsAreRefusedAtTheHandshakeWithA400() {
        FuzzRun run = FuzzRun.of(40);
        Mutator positions = Mutator.ofText(run.seed(), List.of("0-0", "3-1234567", "12-9223372036854775807"));
        for (int i = 0; i < run.iterations(); i++) {
            String since = positions.nextText();
            String encoded = URLEncoder.encode(since, StandardCharsets.UTF_8);
            if (encoded.length() > 3_000) {
                continue; // a request line longer than the server takes is refused before any handler runs
            }
            if (since.isEmpty()) {
                continue; // an empty since is no resume at all
            }
            if (since.matches("(0|[1-9][0-9]{0,5})-(0|[1-9][0-9]{0,18})")) {
                continue; // still a well-formed position: resuming from it is not bad input
            }
            try (SocketClient client = SocketClient.connect(url("since=" + encoded), Tokens.aPatient(ALICE))) {
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> client.failed.isDone() || !client.frames.isEmpty());
                assertThat(client.frames).as("position '%s' was accepted (%s)", since, run.replay()).isEmpty();
                Throwable error = client.failed.join();
                assertThat(error).as("position '%s' (%s)", since, run.replay())
                        .isInstanceOf(WebSocketClientHandshakeException.class);
                assertThat(((WebSocketClientHandshakeException) error).response().status().code())
                        .as("position '%s' (%s)", since, run.replay()).isEqualTo(400);
            }
        }
    }

    private static List<JsonNode> answers(SocketClient client) {
        return client.frames.stream().filter(frame -> ANSWERS.contains(frame.path("type").asString())).toList();
    }
}
