package org.tta.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input at volume through the whole HTTP path (security, membership, schema, pre-check, the
 * atomic write), against real Kafka and Redis: mutants of valid participant messages and CloudEvents
 * requests are answered 202 or with a 4xx problem, never a 5xx; and exactly the accepted events reach
 * Kafka, nothing for a refused one. Rate limits are off here so that the inputs reach the parsers.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway", "tta.gateway.rate-limits.enabled=false"})
@AutoConfigureWebTestClient
class IngressFuzzIT {

    private static final String SESSION = "fuzz-session";
    private static final String PATIENT = Tokens.aPatient("fuzz-alice");
    private static final String SERVICE = Tokens.aService("fuzz-engine", "events:publish");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> MESSAGE_CONTENT_TYPES = List.of("application/json",
            "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded");
    private static final List<String> EVENT_CONTENT_TYPES = List.of("application/cloudevents+json",
            "application/cloudevents-batch+json", "application/json", "application/cloudevents+xml", "text/plain");
    private static final String EVENT = "{\"specversion\":\"1.0\",\"type\":\"org.tta.narrative.scene.v1\","
            + "\"id\":\"0b1c5a8e-3f2d-4c6b-9a7e-1d2f3a4b5c6d\",\"source\":\"urn:x\",\"partitionkey\":\"" + SESSION
            + "\",\"data\":{\"scene\":\"forest\"}}";

    @Autowired
    WebTestClient http;

    @Autowired
    TopicCatalog topics;

    @Autowired
    SessionDirectory sessions;

    @BeforeEach
    void aliceTakesPart() {
        Members.ensure(sessions, SESSION, PATIENT);
    }

    @Test
    void mutatedRequestsGetA202OrAClientProblemAndOnlyAcceptedEventsAreWritten() {
        FuzzRun run = FuzzRun.of(300);
        Mutator messages = Mutator.ofText(run.seed(), List.of("{\"text\":\"I had a hard week\"}",
                "{\"text\":\"Hola, ¿qué tal? 😀\"}", "{\"text\":\"a\\nb\",\"x\":1}"));
        Mutator events = Mutator.ofText(run.seed() + 1, List.of(EVENT, "[" + EVENT + "," + EVENT + "]"));
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < run.iterations(); i++) {
            byte[] message = messages.next();
            EntityExchangeResult<byte[]> answer = post("/api/v1/sessions/" + SESSION + "/messages", PATIENT,
                    messages.oneOf(MESSAGE_CONTENT_TYPES), message);
            accepted += judge(run, i, message, answer);
            byte[] event = events.next();
            answer = post("/api/v1/events", SERVICE, events.oneOf(EVENT_CONTENT_TYPES), event);
            accepted += judge(run, i, event, answer);
            refused += 2;
        }
        refused -= accepted;
        assertThat(accepted).as("accepted requests' events (%s)", run.replay()).isPositive();
        assertThat(refused).as("refused requests (%s)", run.replay()).isPositive();

        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(),
                topics.name(TopicId.SESSION_EVENTS))) {
            int written = probe.awaitRecords(accepted, Duration.ofSeconds(60)).size();
            written += probe.pollFor(Duration.ofSeconds(2)).size();
            assertThat(written).as("session events in Kafka for %d accepted (%s)", accepted, run.replay())
                    .isEqualTo(accepted);
        }
    }

    private EntityExchangeResult<byte[]> post(String path, String token, String contentType, byte[] body) {
        return http.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .bodyValue(body)
                .exchange()
                .expectBody(byte[].class).returnResult();
    }

    /** How many events the answer accepted; fails the test on anything but a 202 or a 4xx problem. */
    private static int judge(FuzzRun run, int i, byte[] body, EntityExchangeResult<byte[]> answer) {
        int status = answer.getStatus().value();
        if (status == 202) {
            JsonNode receipt = JSON.readTree(answer.getResponseBody());
            return receipt.has("events") ? receipt.path("events").size() : 1;
        }
        MediaType type = answer.getResponseHeaders().getContentType();
        if (status < 400 || status >= 500 || type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
            fail("input %d (%s) to %s got %d %s; body (base64) %s", i, run.replay(), answer.getUrl(), status, type,
                    Base64.getEncoder().encodeToString(body));
        }
        return 0;
    }
}
