package org.tta.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.platform.security.Roles;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class SubscriptionsApiIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5Xa7aQ5Gqg0=";
    static final String WEBHOOK = """
            {"types":["org.tta.session.message.v1"],
             "filters":[{"any":[{"prefix":{"subject":"s-"}},{"not":{"exact":{"source":"urn:x"}}}]}],
             "sink":"https://hooks.example.org/tta",
             "sinkcredential":{"secret":"%s"},
             "config":{"ordering":"ordered","maxConcurrency":4,"delivery":{"retry":3,"backoffDelay":"PT0.2S"}}}
            """.formatted(SECRET);

    @Autowired
    WebTestClient http;

    @Autowired
    TopicCatalog topics;

    @Test
    void createsReadsListsAndDeletesASubscriptionWithoutEverReturningItsSecret() {
        String token = aSubscriber("svc-crud");
        WebTestClient.ResponseSpec created = post(token, WEBHOOK).expectStatus().isCreated();
        String body = created.expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("whsec_").doesNotContain("sinkcredential")
                .contains("\"owner\":\"svc-crud\"").contains("\"protocol\":\"HTTP\"").contains("\"backoffDelay\":\"PT0.2S\"");
        String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topics.name(TopicId.SUBSCRIPTIONS))) {
            ConsumerRecord<String, byte[]> stored = probe.awaitRecordsWithKey(id, 1, Duration.ofSeconds(60)).getFirst();
            assertThat(new String(stored.value(), StandardCharsets.UTF_8)).contains(SECRET).contains("\"owner\":\"svc-crud\"");

            http.get().uri("/api/v1/subscriptions/" + id).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.id").isEqualTo(id)
                    .jsonPath("$.sink").isEqualTo("https://hooks.example.org/tta")
                    .jsonPath("$.sinkcredential").doesNotExist();
            http.get().uri("/api/v1/subscriptions").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$[0].id").isEqualTo(id)
                    .jsonPath("$[0].sinkcredential").doesNotExist();

            http.delete().uri("/api/v1/subscriptions/" + id).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isNoContent();
            ConsumerRecord<String, byte[]> tombstone = probe.awaitRecordsWithKey(id, 1, Duration.ofSeconds(60)).getFirst();
            assertThat(tombstone.value()).isNull();
            http.get().uri("/api/v1/subscriptions/" + id).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void showsAndDeletesOnlyTheCallersOwnSubscriptions() {
        String owner = aSubscriber("svc-owner");
        String other = aSubscriber("svc-other");
        String body = post(owner, "{\"sink\":\"kafka://narrative.inbox.v1\"}").expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();
        String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        http.get().uri("/api/v1/subscriptions/" + id).headers(h -> h.setBearerAuth(other)).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/api/v1/subscriptions/" + id).headers(h -> h.setBearerAuth(other)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/subscriptions").headers(h -> h.setBearerAuth(other)).exchange()
                .expectStatus().isOk().expectBody().json("[]");
        http.get().uri("/api/v1/subscriptions/" + id).headers(h -> h.setBearerAuth(owner)).exchange()
                .expectStatus().isOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sink\":\"kafka://t.v1\",\"filters\":[{\"sql\":42}]}",
            "{\"sink\":\"kafka://t.v1\",\"filters\":[{\"regex\":{\"type\":\".*\"}}]}",
            "{\"sink\":\"ftp://files.example.org/in\"}",
            "{\"sink\":\"mqtt://broker/topic\"}",
            "{\"sink\":\"https://hooks.example.org/x\"}",
            "{\"sink\":\"kafka://t.v1\",\"protocol\":\"HTTP\"}",
            "{\"sink\":\"kafka://t.v1\",\"config\":{\"ordering\":\"sometimes\"}}",
            "{\"sink\":\"kafka://t.v1\",\"config\":{\"delivery\":{\"backoffPolicy\":\"random\"}}}",
            "{\"types\":[\"a\"]}",
            "not json"})
    void rejectsUnsupportedDialectsSinkSchemesAndBadSettingsWithAProblem(String body) {
        post(aSubscriber("svc-bad"), body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").value(type -> assertThat(List.of(
                        "https://problems.tta.org/validation-failed", "https://problems.tta.org/malformed-request"))
                        .contains((String) type));
    }

    @Test
    void acceptsACloudEventsSqlFilter() {
        post(aSubscriber("svc-sql"), "{\"sink\":\"kafka://t.v1\",\"filters\":[{\"sql\":"
                + "\"type LIKE 'org.tta.session.%' AND (subject = 's-1' OR EXISTS tenant)\"}]}")
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.filters[0].sql").isEqualTo("type LIKE 'org.tta.session.%' AND (subject = 's-1' OR EXISTS tenant)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"type = ", "type == 'x' AND", "subject IN ()", "(type = 'x'"})
    void rejectsASyntacticallyBadSqlFilterWithAProblemNamingIt(String expression) {
        post(aSubscriber("svc-bad-sql"), "{\"sink\":\"kafka://t.v1\",\"filters\":[{\"sql\":\"" + expression + "\"}]}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://problems.tta.org/validation-failed")
                .jsonPath("$.errors[0].pointer").isEqualTo("/filters/0/sql")
                .jsonPath("$.errors[0].detail").value(detail -> assertThat((String) detail)
                        .startsWith("not a valid CloudEvents SQL expression").doesNotContain(expression));
    }

    @Test
    void refusesCallersWithoutTheSubscribeScope() {
        post(Tokens.aService("svc-publisher", Roles.SCOPE_EVENTS_PUBLISH), "{\"sink\":\"kafka://t.v1\"}")
                .expectStatus().isForbidden();
        post(Tokens.aPatient("alice"), "{\"sink\":\"kafka://t.v1\"}").expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec post(String token, String body) {
        return http.post().uri("/api/v1/subscriptions").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String aSubscriber(String clientId) {
        return Tokens.aService(clientId, Roles.SCOPE_EVENTS_SUBSCRIBE);
    }
}
