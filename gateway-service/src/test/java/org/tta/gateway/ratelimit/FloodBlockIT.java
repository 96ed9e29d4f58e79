package org.tta.gateway.ratelimit;

import org.awaitility.Awaitility;
import org.tta.gateway.audit.SecurityAudit;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Floods and repeated authentication failures put an address on the shared block list. The test
 * client's loopback address is a trusted proxy here, so each test speaks for a client address of its
 * own through {@code X-Forwarded-For}.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "tta.gateway.rate-limits.ip.capacity=5",
        "tta.gateway.rate-limits.ip.refill=5",
        "tta.gateway.rate-limits.ip.period=1h",
        "tta.gateway.rate-limits.block.floods=3",
        "tta.gateway.rate-limits.block.auth-failures=3",
        "tta.gateway.rate-limits.trusted-proxies=127.0.0.1,::1"})
@AutoConfigureWebTestClient
class FloodBlockIT {

    private static final String BLOCKED = "https://problems.tta.org/blocked";

    @Autowired
    WebTestClient http;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    SharedStateProperties keys;

    @Autowired
    TopicCatalog topics;

    @Test
    void aFloodFromOneAddressEndsInA403BlockForEveryRequestFromIt() {
        String flooder = "203.0.113.10";
        double blockedBefore = blockedCount("flood");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(probe(flooder, Tokens.aTherapist("theo-flood")).expectBody().returnResult().getStatus().value());
        }

        // 5 within the IP budget (404: no such route, but served), 3 rejections tolerated, the 4th blocks.
        assertThat(statuses).containsExactly(404, 404, 404, 404, 404, 429, 429, 429, 429, 403);
        probe(flooder, Tokens.aTherapist("theo-flood"))
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(BLOCKED);
        probe("203.0.113.11", Tokens.aTherapist("theo-flood")).expectStatus().isNotFound();

        assertThat(blockedCount("flood")).isEqualTo(blockedBefore + 1);
        assertThat(meters.get("tta.gateway.ratelimit.blocked.addresses").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(sharedBlockEnd(flooder)).as("the block is in Redis, for every instance")
                .isGreaterThan(System.currentTimeMillis() + Duration.ofMinutes(9).toMillis());
    }

    @Test
    void repeatedAuthenticationFailuresBlockTheAddress() {
        String guesser = "203.0.113.20";
        double blockedBefore = blockedCount("auth-failures");

        for (int i = 0; i < 4; i++) {
            probe(guesser, "not-a-jwt").expectStatus().isUnauthorized();
        }

        probe(guesser, Tokens.aTherapist("theo-auth"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(BLOCKED);
        assertThat(blockedCount("auth-failures")).isEqualTo(blockedBefore + 1);
        assertThat(sharedBlockEnd(guesser)).isPositive();

        // Both are security events in the audit trail (for the compliance report), without any token.
        List<AuditRecord> audited = new ArrayList<>();
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(),
                topics.name(TopicId.AUDIT_RECORDS))) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (var record : probe.pollFor(Duration.ofMillis(200))) {
                    if (SecurityAudit.STREAM.equals(record.key())) {
                        AuditRecord audit = EventCodec.standard().decode(KafkaProbe.toCloudEvent(record), AuditRecord.class);
                        if (guesser.equals(audit.clientIp())) {
                            audited.add(audit);
                        }
                    }
                }
                assertThat(audited).extracting(AuditRecord::action)
                        .containsOnly(AuditActions.AUTH_FAILED, AuditActions.CLIENT_BLOCKED)
                        .filteredOn(AuditActions.AUTH_FAILED::equals).hasSize(4);
                assertThat(audited).filteredOn(a -> a.action().equals(AuditActions.CLIENT_BLOCKED))
                        .singleElement().satisfies(blocked -> assertThat(blocked.resourceId()).isEqualTo("auth-failures"));
            });
        }
        assertThat(audited).allSatisfy(audit -> {
            assertThat(audit.actorRole()).isNull();
            assertThat(audit.outcome()).isEqualTo(AuditOutcomes.DENIED);
            assertThat(audit.content()).isNull();
        });
        assertThat(audited).filteredOn(a -> a.action().equals(AuditActions.AUTH_FAILED))
                .allSatisfy(failed -> assertThat(failed.resourceId()).isEqualTo("GET:/api/v1/flood-probe"));
    }

    private WebTestClient.ResponseSpec probe(String clientAddress, String token) {
        return http.get().uri("/api/v1/flood-probe")
                .header("X-Forwarded-For", clientAddress)
                .header("Authorization", "Bearer " + token)
                .exchange();
    }

    private double blockedCount(String reason) {
        var counter = meters.find("tta.gateway.ratelimit.blocked").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private long sharedBlockEnd(String address) {
        Double score = redis.opsForZSet().score(keys.key("ratelimit", "blocked"), address).block(Duration.ofSeconds(5));
        return score == null ? 0 : score.longValue();
    }
}
