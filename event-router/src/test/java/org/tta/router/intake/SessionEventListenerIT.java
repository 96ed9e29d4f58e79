package org.tta.router.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TestInfrastructure;
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
    void consumesAndCountsSessionEvents() throws Exception {
        Map<String, Object> config = new HashMap<>(TtaCloudEvents.producerSerializerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < 3; i++) {
                CloudEvent event = TtaCloudEvents.create(EventIds.newId(), EventTypes.SESSION_MESSAGE,
                        URI.create("urn:test"), "s-" + i, OffsetDateTime.now(), "{\"text\":\"x\"}".getBytes());
                producer.send(TtaCloudEvents.toRecord(topics.name(TopicId.SESSION_EVENTS), "s-" + i, event)).get();
            }
        }

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
