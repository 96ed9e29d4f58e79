package org.tta.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** Idempotency-Key on message posts against real Redis and Kafka: one key, one event. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class IdempotencyIT {

    private static final String PROBLEMS = "https://problems.tta.org/";
    private static final String ALICE = Tokens.aPatient("alice");

    @Autowired
    WebTestClient http;

    @Autowired
    SessionDirectory sessions;

    @Autowired
    TopicCatalog topics;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    SharedStateProperties sharedState;

    private final EventCodec codec = EventCodec.standard();

    @Test
    void replaysTheOriginalResponseToARetryAndWritesOneEvent() {
        String key = aKey();
        String first = post("idem-retry", ALICE, key, "{\"text\":\"I slept better\"}")
                .expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
        String retry = post("idem-retry", ALICE, key, "{\"text\":\"I slept better\"}")
                .expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();

        assertThat(retry).isEqualTo(first).contains("\"id\"").contains("\"position\"");
        assertThat(textsAfterMarker("idem-retry")).containsExactly("I slept better", "marker");
    }

    @Test
    void refusesTheSameKeyWithAnotherBodyAndWritesNothing() {
        String key = aKey();
        post("idem-reused", ALICE, key, "{\"text\":\"first\"}").expectStatus().isAccepted();

        post("idem-reused", ALICE, key, "{\"text\":\"second\"}")
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "idempotency-key-reused");

        assertThat(textsAfterMarker("idem-reused")).containsExactly("first", "marker");
    }

    @Test
    void writesOneEventForTwoConcurrentRequestsWithOneKey() throws Exception {
        String key = aKey();
        CyclicBarrier start = new CyclicBarrier(2);
        List<EntityExchangeResult<String>> results = new ArrayList<>();
        // Threads of its own: the common pool may have a single thread on a small machine.
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<EntityExchangeResult<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return post("idem-concurrent", ALICE, key, "{\"text\":\"at the same time\"}")
                            .expectBody(String.class).returnResult();
                }));
            }
            for (Future<EntityExchangeResult<String>> call : calls) {
                results.add(call.get(60, TimeUnit.SECONDS));
            }
        }

        List<EntityExchangeResult<String>> accepted = results.stream().filter(r -> r.getStatus().value() == 202).toList();
        assertThat(accepted).isNotEmpty();
        assertThat(accepted).extracting(EntityExchangeResult::getResponseBody).containsOnly(accepted.get(0).getResponseBody());
        results.stream().filter(r -> r.getStatus().value() != 202).forEach(r -> {
            assertThat(r.getStatus().value()).isEqualTo(409);
            assertThat(r.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        });
        assertThat(textsAfterMarker("idem-concurrent")).containsExactly("at the same time", "marker");
    }

    @Test
    void keepsTheSameKeyOfAnotherUserIndependent() {
        String key = aKey();
        String alices = post("idem-users", ALICE, key, "{\"text\":\"same words\"}")
                .expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
        String bobs = post("idem-users", Tokens.aPatient("bob"), key, "{\"text\":\"same words\"}")
                .expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();

        assertThat(bobs).isNotEqualTo(alices);
        assertThat(textsAfterMarker("idem-users")).containsExactly("same words", "same words", "marker");
    }

    @Test
    void keepsCompletedKeysInRedisWithTheirTtlAndWithoutTheKeyOrTheCallerInTheName() {
        String key = "visible-" + aKey();
        post("idem-ttl", ALICE, key, "{\"text\":\"hello\"}").expectStatus().isAccepted();

        List<String> keys = redis.keys(sharedState.key("idem", "*")).collectList().block(Duration.ofSeconds(5));
        assertThat(keys).isNotEmpty().noneMatch(k -> k.contains(key) || k.contains("alice"));
        assertThat(keys).allSatisfy(k -> assertThat(redis.getExpire(k).block(Duration.ofSeconds(5)))
                .isGreaterThan(Duration.ofHours(23)).isLessThanOrEqualTo(Duration.ofHours(24)));
    }

    @Test
    void refusesAnInvalidKeyWith400AndWritesNothing() {
        post("idem-invalid", ALICE, "k".repeat(256), "{\"text\":\"too long a key\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed");

        assertThat(textsAfterMarker("idem-invalid")).containsExactly("marker");
    }

    /**
     * Posts a marker without a key to the session: it lands on the same partition after anything
     * the earlier requests wrote, so once it arrives the session's texts are complete.
     */
    private List<String> textsAfterMarker(String session) {
        post(session, ALICE, null, "{\"text\":\"marker\"}").expectStatus().isAccepted();
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(),
                topics.name(TopicId.SESSION_EVENTS))) {
            List<String> texts = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.pollFor(Duration.ofMillis(200)).stream().filter(r -> session.equals(r.key()))
                        .map(r -> codec.decode(r.value(), SessionMessage.class).text()).forEach(texts::add);
                return texts.contains("marker");
            });
            return texts;
        }
    }

    private WebTestClient.ResponseSpec post(String session, String token, String key, String json) {
        Members.ensure(sessions, session, token);
        var request = http.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private static String aKey() {
        return UUID.randomUUID().toString();
    }
}
