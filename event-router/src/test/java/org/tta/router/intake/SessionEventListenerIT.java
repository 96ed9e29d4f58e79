package org.tta.router.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TestProducer;
import org.tta.testkit.TtaIntegrationTest;

@TtaIntegrationTest
@AutoConfigureWebTestClient
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=event-router")
class SessionEventListenerIT {

    @Autowired
    TopicCatalog topics;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebTestClient http;

    @Test
    void consumesAndCountsSessionEvents() {
        TestProducer.sendEvents(topics.name(TopicId.SESSION_EVENTS), EventTypes.SESSION_MESSAGE, "{\"text\":\"x\"}", "s-0", "s-1", "s-2");

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(meters.find("tta.worker.records").tag("type", EventTypes.SESSION_MESSAGE).counter())
                        .isNotNull()
                        .satisfies(counter -> assertThat(counter.count()).isEqualTo(3.0)));
    }

    @Test
    void exposesProbesAndMetricsWithoutATokenAndNothingElse() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        http.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
    }
}
