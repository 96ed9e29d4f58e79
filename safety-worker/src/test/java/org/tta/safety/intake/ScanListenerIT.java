package org.tta.safety.intake;

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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=safety-worker")
class ScanListenerIT {

    @Autowired
    TopicCatalog topics;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebTestClient http;

    @Test
    void consumesAndCountsScanRequests() {
        TestProducer.sendEvents(topics.name(TopicId.SAFETY_SCANS), EventTypes.SAFETY_SCAN, "{\"text\":\"x\"}", "s-0", "s-1", "s-2");

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(meters.find("tta.worker.records").tag("type", EventTypes.SAFETY_SCAN).counter())
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
