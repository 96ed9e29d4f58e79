package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.SessionApi.creation;
import static org.tta.gateway.session.SessionApi.expectProblem;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.Tokens;

/**
 * With Redis unreachable nobody's membership can be checked, so every message is refused with 503
 * (fail closed) and nothing reaches Kafka. Real Kafka, dead Redis: not a {@code @TtaIntegrationTest},
 * whose Redis URL would win over the one set here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "spring.data.redis.url=redis://127.0.0.1:9"})
@AutoConfigureWebTestClient
class RedisUnavailableIT {

    private static final TestNamespace NAMESPACE = TestInfrastructure.get().newNamespace("redisdown");

    @Autowired
    WebTestClient http;

    @Autowired
    TopicCatalog topics;

    private SessionApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        var infrastructure = TestInfrastructure.get();
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("tta.kafka.topic-prefix", NAMESPACE::topicPrefix);
        registry.add("tta.redis.key-prefix", NAMESPACE::redisKeyPrefix);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> infrastructure.issuer().issuerUri().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> infrastructure.issuer().jwksUri().toString());
    }

    @BeforeEach
    void client() {
        api = new SessionApi(http);
    }

    @Test
    void refusesMessagesWith503AndWritesNothingWhenMembershipCannotBeChecked() {
        var response = api.postMessage(Tokens.aPatient("alice"), "0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3b", "is anyone there");

        expectProblem(response, 503, "shared-state-unavailable");
        response.expectHeader().exists(HttpHeaders.RETRY_AFTER);
        try (KafkaProbe events = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topics.name(TopicId.SESSION_EVENTS))) {
            assertThat(events.pollFor(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void answersTheSessionsApiWith503Too() {
        expectProblem(api.post(Tokens.aTherapist("theo"), creation(null, Participant.patient("alice"))), 503, "shared-state-unavailable");
        expectProblem(api.get(Tokens.aPatient("alice"), "0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3b"), 503, "shared-state-unavailable");
    }
}
