package org.tta.gateway.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.ingest.Accepted;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** The inline pre-check in the accept path: rejects are never written, crises are written and flagged. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class ContentPrecheckIT {

    private static final String PROBLEMS = "https://problems.tta.org/";

    @Autowired
    WebTestClient http;

    @Autowired
    SessionDirectory sessions;

    @Autowired
    TopicCatalog topics;

    private final EventCodec codec = EventCodec.standard();

    @Test
    void rejectsAPolicyViolationWith422AndWritesNothing() {
        post("precheck-reject", "{\"text\":\"her number is 0171 555 0123\"}")
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "content-policy")
                .jsonPath("$.rule").isEqualTo("contact.phone")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).doesNotContain("0171"));

        assertOnlyTheMarkerFollows("precheck-reject");
    }

    @Test
    void acceptsACrisisMessageAndFlagsItsScanForImmediateEscalation() {
        Accepted accepted = post("precheck-crisis", "{\"text\":\"I want to k1ll mys3lf\"}")
                .expectStatus().isAccepted()
                .expectBody(Accepted.class).returnResult().getResponseBody();

        ConsumerRecord<String, byte[]> record = awaitRecords(TopicId.SAFETY_SCANS, "precheck-crisis", 1).get(0);
        SafetyScanRequest scan = codec.decode(record.value(), SafetyScanRequest.class);
        assertThat(scan.messageEventId()).isEqualTo(accepted.id());
        assertThat(scan.priority()).isEqualTo(SafetyScanRequest.IMMEDIATE);
        assertThat(scan.precheckRule()).isEqualTo("crisis.suicidal-ideation");
        assertThat(header(record, "ce_" + SafetyScanRequest.PRIORITY_EXTENSION)).isEqualTo("immediate");
        // Flagged, not altered: the session event carries the text as written.
        assertThat(codec.decode(awaitRecords(TopicId.SESSION_EVENTS, "precheck-crisis", 1).get(0).value(),
                SessionMessage.class).text()).isEqualTo("I want to k1ll mys3lf");
    }

    @Test
    void marksAnOrdinaryMessagesScanAsNormalPriority() {
        post("precheck-normal", "{\"text\":\"I had a good session today\"}").expectStatus().isAccepted();

        ConsumerRecord<String, byte[]> record = awaitRecords(TopicId.SAFETY_SCANS, "precheck-normal", 1).get(0);
        SafetyScanRequest scan = codec.decode(record.value(), SafetyScanRequest.class);
        assertThat(scan.priority()).isEqualTo(SafetyScanRequest.NORMAL);
        assertThat(scan.precheckRule()).isNull();
        assertThat(header(record, "ce_" + SafetyScanRequest.PRIORITY_EXTENSION)).isEqualTo("normal");
    }

    @Test
    void rejectsControlCharactersWith400AndWritesNothing() {
        post("precheck-control", "{\"text\":\"right-to-left \\u202E override\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].pointer").isEqualTo("/text");
        post("precheck-control", "{\"text\":\"a bell \\u0007\"}").expectStatus().isBadRequest();

        assertOnlyTheMarkerFollows("precheck-control");
    }

    /**
     * A marker on the same session lands on the same partitions after anything an earlier request
     * could have written; once it arrives, it must be the only record of the session.
     */
    private void assertOnlyTheMarkerFollows(String session) {
        post(session, "{\"text\":\"marker\"}").expectStatus().isAccepted();
        List<ConsumerRecord<String, byte[]>> events = awaitRecords(TopicId.SESSION_EVENTS, session, 1);
        assertThat(events).hasSize(1);
        assertThat(codec.decode(events.get(0).value(), SessionMessage.class).text()).isEqualTo("marker");
        List<ConsumerRecord<String, byte[]>> scans = awaitRecords(TopicId.SAFETY_SCANS, session, 1);
        assertThat(scans).hasSize(1);
        assertThat(codec.decode(scans.get(0).value(), SafetyScanRequest.class).text()).isEqualTo("marker");
    }

    private WebTestClient.ResponseSpec post(String session, String json) {
        Members.ensure(sessions, session, Tokens.aPatient("alice"));
        return http.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Authorization", "Bearer " + Tokens.aPatient("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    /** Reads the topic from the start until at least {@code count} records of the session arrived. */
    private List<ConsumerRecord<String, byte[]>> awaitRecords(TopicId topic, String session, int count) {
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topics.name(topic))) {
            return probe.awaitRecordsWithKey(session, count, Duration.ofSeconds(30));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return KafkaProbe.header(record, name);
    }
}
