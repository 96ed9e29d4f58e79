package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.GatewayApplication;
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

/** Per-caller budgets in Redis, therapeutic priority and shedding, against real Redis and Kafka. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        RateLimitIT.PATIENT_CAPACITY, RateLimitIT.PATIENT_REFILL, RateLimitIT.PATIENT_PERIOD})
@AutoConfigureWebTestClient
@Import(AdjustablePressure.Config.class)
class RateLimitIT {

    static final String PATIENT_CAPACITY = "tta.gateway.rate-limits.classes.participant.capacity=3";
    static final String PATIENT_REFILL = "tta.gateway.rate-limits.classes.participant.refill=3";
    static final String PATIENT_PERIOD = "tta.gateway.rate-limits.classes.participant.period=1h";
    private static final String RATE_LIMITED = "https://problems.tta.org/rate-limited";

    @Autowired
    WebTestClient http;

    @Autowired
    SessionDirectory sessions;

    @Autowired
    TopicCatalog topics;

    @Autowired
    AdjustablePressure pressure;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    SharedStateProperties keys;

    private final EventCodec codec = EventCodec.standard();

    @AfterEach
    void relievePressure() {
        pressure.set(0);
    }

    @Test
    void answers429WithRetryAfterAndRateLimitHeadersOnceAPatientsBudgetIsSpentAndWritesNothing() {
        for (int i = 1; i <= 3; i++) {
            post(http, "rl-over", Tokens.aPatient("pat-over"), "accepted " + i).expectStatus().isAccepted();
        }
        double rejectedBefore = rejected("user", "participant");

        post(http, "rl-over", Tokens.aPatient("pat-over"), "over budget")
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 1200L))
                .expectHeader().value("RateLimit-Policy", v -> assertThat(v).contains("\"user\";q=3;w=3600"))
                .expectHeader().value("RateLimit", v -> assertThat(v).containsPattern("\"user\";r=0;t=\\d+"))
                .expectBody()
                .jsonPath("$.type").isEqualTo(RATE_LIMITED)
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.policy").isEqualTo("user");

        assertThat(rejected("user", "participant")).isEqualTo(rejectedBefore + 1);
        // A therapist's marker lands after anything the rejected request could have written.
        post(http, "rl-over", Tokens.aTherapist("theo-over"), "marker").expectStatus().isAccepted();
        List<String> texts = awaitTexts("rl-over", 4);
        assertThat(texts).containsExactly("accepted 1", "accepted 2", "accepted 3", "marker");
    }

    @Test
    void reportsTheRemainingBudgetOnSuccessfulResponses() {
        post(http, "rl-headers", Tokens.aPatient("pat-headers"), "hello")
                .expectStatus().isAccepted()
                .expectHeader().value("RateLimit-Policy", v -> assertThat(v).contains("\"ip\";q=").contains("\"user\";q=3;w=3600"))
                .expectHeader().value("RateLimit", v -> assertThat(v).containsPattern("\"ip\";r=\\d+;t=\\d+")
                        .containsPattern("\"user\";r=2;t=\\d+"));
    }

    @Test
    void countsRequestsWithoutATokenAgainstTheAddressOnly() {
        http.get().uri("/api/v1/sessions/rl-anon/messages").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value("RateLimit-Policy", v -> assertThat(v).startsWith("\"ip\";").doesNotContain("\"user\""));
    }

    @Test
    void keepsServingTherapistsWhilePatientsAreLimited() {
        exhaust("rl-clinic", "pat-clinic");

        for (int i = 0; i < 5; i++) {
            post(http, "rl-clinic", Tokens.aTherapist("theo-clinic"), "still here " + i).expectStatus().isAccepted();
        }
        post(http, "rl-clinic", Tokens.aPatient("pat-clinic"), "still over").expectStatus().isEqualTo(429);
    }

    @Test
    void givesTheTrafficOfASessionWithAnOpenEscalationTheClinicalBudget() {
        exhaust("rl-calm", "pat-crisis");
        redis.opsForSet().add(keys.key("escalation", "open"), "rl-crisis").block(Duration.ofSeconds(5));

        for (int i = 0; i < 5; i++) {
            post(http, "rl-crisis", Tokens.aPatient("pat-crisis"), "help " + i).expectStatus().isAccepted();
        }
        post(http, "rl-calm", Tokens.aPatient("pat-crisis"), "elsewhere").expectStatus().isEqualTo(429);
    }

    @Test
    void shedsAdministrativeTrafficFirstWhileKafkaIsBackpressured() {
        pressure.set(0.8);
        double shedBefore = shed("administrative");

        http.get().uri("/api/v1/sessions/rl-shed/messages")
                .header("Authorization", "Bearer " + Tokens.anOperator("olga"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/overloaded");
        assertThat(shed("administrative")).isEqualTo(shedBefore + 1);
        post(http, "rl-shed", Tokens.aTherapist("theo-shed"), "therapist passes").expectStatus().isAccepted();
        post(http, "rl-shed", Tokens.aPatient("pat-shed"), "patient passes at 0.8").expectStatus().isAccepted();

        pressure.set(0.99);
        post(http, "rl-shed", Tokens.aPatient("pat-shed"), "patient shed at 0.99").expectStatus().isEqualTo(503);
        post(http, "rl-shed", Tokens.aTherapist("theo-shed"), "clinical is never shed").expectStatus().isAccepted();
    }

    @Test
    void sharesOneUsersBudgetBetweenGatewayInstancesThroughRedis() {
        try (ConfigurableApplicationContext second = startSecondGateway()) {
            WebTestClient other = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port")).build();
            String token = Tokens.aPatient("pat-shared");

            post(http, "rl-shared", token, "one").expectStatus().isAccepted();
            post(other, "rl-shared", token, "two").expectStatus().isAccepted();
            post(http, "rl-shared", token, "three").expectStatus().isAccepted();
            post(other, "rl-shared", token, "four").expectStatus().isEqualTo(429)
                    .expectBody().jsonPath("$.type").isEqualTo(RATE_LIMITED);
            post(http, "rl-shared", token, "five").expectStatus().isEqualTo(429);
        }
    }

    /** Another gateway in this JVM, on its own port, in this test class's namespace. */
    private static ConfigurableApplicationContext startSecondGateway() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties(infrastructure.namespaceFor(RateLimitIT.class)));
        properties.put("server.port", "0");
        properties.put("tta.kafka.create-topics", "false");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        for (String property : List.of(PATIENT_CAPACITY, PATIENT_REFILL, PATIENT_PERIOD)) {
            args.add("--" + property);
        }
        return GatewayApplication.application().run(args.toArray(String[]::new));
    }

    private void exhaust(String session, String patient) {
        for (int i = 0; i < 3; i++) {
            post(http, session, Tokens.aPatient(patient), "spend " + i).expectStatus().isAccepted();
        }
        post(http, session, Tokens.aPatient(patient), "spent").expectStatus().isEqualTo(429);
    }

    private double rejected(String dimension, String priority) {
        var counter = meters.find("tta.gateway.ratelimit.rejected").tag("dimension", dimension).tag("class", priority).counter();
        return counter == null ? 0 : counter.count();
    }

    private double shed(String priority) {
        var counter = meters.find("tta.gateway.ratelimit.shed").tag("class", priority).counter();
        return counter == null ? 0 : counter.count();
    }

    private WebTestClient.ResponseSpec post(WebTestClient client, String session, String token, String text) {
        Members.ensure(sessions, session, token);
        return client.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    /** The texts of the session's events, in topic order, once at least {@code count} arrived. */
    private List<String> awaitTexts(String session, int count) {
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topics.name(TopicId.SESSION_EVENTS))) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.pollFor(Duration.ofMillis(200)).stream().filter(r -> session.equals(r.key())).forEach(found::add);
                return found.size() >= count;
            });
            return found.stream().map(r -> codec.decode(r.value(), SessionMessage.class).text()).toList();
        }
    }
}
