package org.tta.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class ServiceEventsIT {

    static final String CLIENT = "narrative-engine";
    static final String TYPE = "org.tta.narrative.scene.v1";
    static final String DATA = "{\"scene\":\"forest\",\"mood\":\"calm\"}";
    static final String CLIENT_ID = "0b1c5a8e-3f2d-4c6b-9a7e-1d2f3a4b5c6d";
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    @Autowired
    WebTestClient http;

    @Autowired
    TopicCatalog topics;

    private final EventCodec codec = EventCodec.standard();

    @Test
    void acceptsABinaryModeEventAndWritesItWithTheGatewaysAttributesAndAnAuditRecord() {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        EventReceipt receipt = only(post(aService(), headers -> {
            binaryAttributes("events-binary").accept(headers);
            headers.set("ce-source", "/pretending/to/be/someone-else");
            headers.set("ce-time", "2020-01-01T00:00:00Z");
            headers.set("traceparent", TRACEPARENT);
        }, MediaType.APPLICATION_JSON_VALUE, DATA).expectStatus().isAccepted());

        ConsumerRecord<String, byte[]> event = onlyRecord(TopicId.SESSION_EVENTS, "events-binary");
        assertGatewayFilled(event, receipt, "events-binary");
        assertThat(header(event, "ce_clientid")).isEqualTo(CLIENT_ID);
        assertThat(header(event, "ce_clientsource")).isEqualTo("/pretending/to/be/someone-else");
        assertThat(OffsetDateTime.parse(header(event, "ce_time"))).isAfter(before);
        assertThat(header(event, "ce_traceparent")).isEqualTo(TRACEPARENT);
        assertThat(header(event, "content-type")).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).isEqualTo(DATA);

        AuditRecord audit = onlyAudit("events-binary");
        assertThat(audit.resourceId()).isEqualTo(receipt.id());
        assertThat(audit.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void acceptsAStructuredModeEventKeyedByItsPartitionKey() {
        String json = "{\"specversion\":\"1.0\",\"type\":\"" + TYPE + "\",\"id\":\"" + CLIENT_ID
                + "\",\"source\":\"urn:elsewhere\",\"partitionkey\":\"events-structured\",\"data\":" + DATA + "}";
        // An invalid traceparent header is ignored (W3C): the gateway starts a new trace.
        EventReceipt receipt = only(post(aService(), headers -> headers.set("traceparent", "00-garbage-01"),
                STRUCTURED, json).expectStatus().isAccepted());

        ConsumerRecord<String, byte[]> event = onlyRecord(TopicId.SESSION_EVENTS, "events-structured");
        assertGatewayFilled(event, receipt, "events-structured");
        assertThat(header(event, "ce_partitionkey")).isEqualTo("events-structured");
        assertThat(TraceParents.isValid(header(event, "ce_traceparent"))).isTrue();
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).isEqualTo(DATA);
        assertThat(onlyAudit("events-structured").resourceId()).isEqualTo(receipt.id());
    }

    @Test
    void acceptsABatchWithDataBase64AndDatalessEventsAndKeepsItsOrder() {
        String base64 = Base64.getEncoder().encodeToString(DATA.getBytes(StandardCharsets.UTF_8));
        String batch = "[" + structured("events-batch", "\"data\":{\"turn\":1}") + ","
                + structured("events-batch", "\"data_base64\":\"" + base64 + "\"") + ","
                + structured("events-batch", "\"partitionkey\":\"events-batch\"") + "]";

        EventsAccepted accepted = post(aService(), headers -> { }, BATCH, batch).expectStatus().isAccepted()
                .expectBody(EventsAccepted.class).returnResult().getResponseBody();

        assertThat(accepted.events()).hasSize(3);
        List<ConsumerRecord<String, byte[]>> events = awaitRecords(TopicId.SESSION_EVENTS, "events-batch", 3);
        assertThat(events).extracting(r -> header(r, "ce_id"))
                .containsExactlyElementsOf(accepted.events().stream().map(EventReceipt::id).toList());
        assertThat(events).extracting(r -> r.partition() + "-" + r.offset())
                .containsExactlyElementsOf(accepted.events().stream().map(EventReceipt::position).toList());
        assertThat(new String(events.get(1).value(), StandardCharsets.UTF_8)).isEqualTo(DATA);
        assertThat(events.get(2).value()).as("an event without data").isNull();
        assertThat(awaitRecords(TopicId.AUDIT_RECORDS, "events-batch", 3))
                .extracting(r -> codec.decode(r.value(), AuditRecord.class).resourceId())
                .containsExactlyElementsOf(accepted.events().stream().map(EventReceipt::id).toList());
    }

    record BadRequest(String name, String session, String token, String contentType, Consumer<HttpHeaders> headers,
                      String body, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRequest> badRequests() {
        String service = Tokens.aService(CLIENT, "events:publish");
        String json = MediaType.APPLICATION_JSON_VALUE;
        return Stream.of(
                new BadRequest("binary: missing type", "bad-1", service, json, without(binaryAttributes("bad-1"), "ce-type"),
                        DATA, 400, "validation-failed"),
                new BadRequest("binary: specversion 0.3", "bad-2", service, json,
                        binaryAttributes("bad-2").andThen(h -> h.set("ce-specversion", "0.3")), DATA, 400, "validation-failed"),
                new BadRequest("binary: an id that is no UUID", "bad-3", service, json,
                        binaryAttributes("bad-3").andThen(h -> h.set("ce-id", "42")), DATA, 400, "validation-failed"),
                new BadRequest("binary: no subject nor partitionkey", "bad-4", service, json,
                        without(binaryAttributes("bad-4"), "ce-subject"), DATA, 400, "validation-failed"),
                new BadRequest("a content type of no mode", "bad-5", service, MediaType.TEXT_PLAIN_VALUE,
                        binaryAttributes("bad-5"), "forest", 415, "unsupported-media-type"),
                new BadRequest("batch over the default limit of 100", "bad-6", service, BATCH, h -> { },
                        IntStream.range(0, 101).mapToObj(i -> structured("bad-6", "\"data\":{}"))
                                .collect(Collectors.joining(",", "[", "]")), 413, "payload-too-large"),
                new BadRequest("structured: malformed JSON", "bad-7", service, STRUCTURED, h -> { },
                        "{\"specversion\":\"1.0\",\"subject\":\"bad-7\",", 400, "malformed-request"),
                new BadRequest("structured: data failing the schema of its known type", "bad-8", service, STRUCTURED, h -> { },
                        "{\"specversion\":\"1.0\",\"type\":\"" + EventTypes.SESSION_MESSAGE + "\",\"subject\":\"bad-8\","
                                + "\"data\":{\"sessionId\":\"bad-8\",\"authorId\":\"n\",\"authorRole\":\"patient\"}}",
                        400, "validation-failed"),
                new BadRequest("a patient token without the scope", "bad-9", Tokens.aPatient("alice"), json,
                        binaryAttributes("bad-9"), DATA, 403, "forbidden"),
                new BadRequest("no token", "bad-10", null, json, binaryAttributes("bad-10"), DATA, 401, "unauthenticated"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void rejectsBadRequestsWithProblemJsonAndWritesNothing(BadRequest bad) {
        WebTestClient.RequestBodySpec request = http.post().uri(EventsController.PATH)
                .header(HttpHeaders.CONTENT_TYPE, bad.contentType())
                .headers(bad.headers());
        if (bad.token() != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bad.token());
        }
        request.bodyValue(bad.body().getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isEqualTo(bad.status())
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://problems.tta.org/" + bad.type())
                .jsonPath("$.status").isEqualTo(bad.status());

        // A marker event on the same session lands on the same partitions after anything the bad
        // request could have written; once it arrives, nothing else may be there.
        EventReceipt marker = only(post(aService(), binaryAttributes(bad.session()), MediaType.APPLICATION_JSON_VALUE, DATA)
                .expectStatus().isAccepted());
        List<ConsumerRecord<String, byte[]>> events = awaitRecords(TopicId.SESSION_EVENTS, bad.session(), 1);
        assertThat(events).hasSize(1);
        assertThat(header(events.get(0), "ce_id")).isEqualTo(marker.id());
        List<ConsumerRecord<String, byte[]>> audits = awaitRecords(TopicId.AUDIT_RECORDS, bad.session(), 1);
        assertThat(audits).hasSize(1);
        assertThat(codec.decode(audits.get(0).value(), AuditRecord.class).resourceId()).isEqualTo(marker.id());
    }

    @Test
    void namesTheOffendingAttributeInTheProblem() {
        post(aService(), without(binaryAttributes("events-pointer"), "ce-type"), MediaType.APPLICATION_JSON_VALUE, DATA)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].attribute").isEqualTo("type")
                .jsonPath("$.errors[0].header").isEqualTo("ce-type");
        post(aService(), h -> { }, BATCH, "[" + structured("events-pointer", "\"data\":{}") + ",{\"specversion\":\"2.0\"}]")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.pointer == '/1/specversion')]").exists()
                .jsonPath("$.errors[?(@.pointer == '/1/type')]").exists();
    }

    private void assertGatewayFilled(ConsumerRecord<String, byte[]> event, EventReceipt receipt, String session) {
        assertThat(event.key()).isEqualTo(session);
        assertThat(header(event, "ce_id")).isEqualTo(receipt.id()).isNotEqualTo(CLIENT_ID);
        assertThat(UUID.fromString(receipt.id()).version()).isEqualTo(7);
        assertThat(receipt.position()).isEqualTo(event.partition() + "-" + event.offset());
        assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(event, "ce_type")).isEqualTo(TYPE);
        assertThat(header(event, "ce_source")).isEqualTo("urn:tta:service:" + CLIENT);
        assertThat(header(event, "ce_subject")).isEqualTo(session);
    }

    private AuditRecord onlyAudit(String session) {
        AuditRecord audit = codec.decode(onlyRecord(TopicId.AUDIT_RECORDS, session).value(), AuditRecord.class);
        assertThat(audit.action()).isEqualTo(AuditActions.EVENT_PUBLISHED);
        assertThat(audit.actorId()).isEqualTo(CLIENT);
        assertThat(audit.actorRole()).isEqualTo("service");
        assertThat(audit.sessionId()).isEqualTo(session);
        return audit;
    }

    private static Consumer<HttpHeaders> binaryAttributes(String session) {
        return headers -> {
            headers.set("ce-specversion", "1.0");
            headers.set("ce-type", TYPE);
            headers.set("ce-id", CLIENT_ID);
            headers.set("ce-subject", session);
        };
    }

    private static Consumer<HttpHeaders> without(Consumer<HttpHeaders> headers, String name) {
        return headers.andThen(h -> h.remove(name));
    }

    private static String structured(String session, String data) {
        return "{\"specversion\":\"1.0\",\"type\":\"" + TYPE + "\",\"subject\":\"" + session + "\"," + data + "}";
    }

    private static String aService() {
        return Tokens.aService(CLIENT, "events:publish");
    }

    private WebTestClient.ResponseSpec post(String token, Consumer<HttpHeaders> headers, String contentType, String body) {
        return http.post().uri(EventsController.PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .headers(headers)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    private static EventReceipt only(WebTestClient.ResponseSpec response) {
        EventsAccepted accepted = response.expectBody(EventsAccepted.class).returnResult().getResponseBody();
        assertThat(accepted.events()).hasSize(1);
        return accepted.events().get(0);
    }

    private ConsumerRecord<String, byte[]> onlyRecord(TopicId topic, String session) {
        List<ConsumerRecord<String, byte[]>> found = awaitRecords(topic, session, 1);
        assertThat(found).hasSize(1);
        return found.get(0);
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
