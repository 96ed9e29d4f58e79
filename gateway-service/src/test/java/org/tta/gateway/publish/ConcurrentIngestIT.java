package org.tta.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.payload.Participant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Many concurrent posts through the HTTP API, with two committers whose commits overlap: every
 * post is accepted, each of its three records is stored exactly once, and each session's records
 * keep their accept order on all three topics.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=gateway", "tta.gateway.publish.committers=2"})
class ConcurrentIngestIT {

    private static final int POSTS = 200;
    private static final int SESSIONS = 10;
    private static final String WARM_UP = "conc-warm-up";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    TopicCatalog topics;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SessionDirectory sessions;

    private final EventCodec codec = EventCodec.standard();

    @BeforeEach
    void aliceTakesPartInEverySession() {
        Members.ensure(sessions, WARM_UP, Participant.patient("alice"));
        for (int i = 0; i < SESSIONS; i++) {
            Members.ensure(sessions, "conc-" + i, Participant.patient("alice"));
        }
    }

    record Post(String session, String id, long offset) {
    }

    @Test
    void acceptsConcurrentPostsAndStoresEachRecordOnceInAcceptOrderPerSession() {
        ConnectionProvider connections = ConnectionProvider.builder("concurrent-ingest-it")
                .maxConnections(POSTS).pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        String token = Tokens.aPatient("alice");
        List<Post> accepted;
        try {
            // This test is about concurrency, not a cold start on a busy machine: one post first.
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> post(client, token, WARM_UP, -1).blockFirst(WAIT) != null);
            accepted = Flux.range(0, POSTS).flatMap(i -> post(client, token, "conc-" + (i % SESSIONS), i), POSTS)
                    .collectList().block(WAIT);
        } finally {
            connections.dispose();
        }

        assertThat(accepted).hasSize(POSTS);
        Map<String, List<String>> acceptOrder = accepted.stream()
                .sorted(Comparator.comparingLong(Post::offset))
                .collect(Collectors.groupingBy(Post::session, LinkedHashMap::new,
                        Collectors.mapping(Post::id, Collectors.toList())));

        Map<String, List<String>> events = bySession(TopicId.SESSION_EVENTS, r -> header(r, "ce_id"));
        Map<String, List<String>> scans = bySession(TopicId.SAFETY_SCANS,
                r -> codec.decode(r.value(), SafetyScanRequest.class).messageEventId());
        Map<String, List<String>> audits = bySession(TopicId.AUDIT_RECORDS,
                r -> codec.decode(r.value(), AuditRecord.class).resourceId());

        assertThat(events).isEqualTo(acceptOrder);
        assertThat(scans).isEqualTo(acceptOrder);
        assertThat(audits).isEqualTo(acceptOrder);
        DistributionSummary batches = meters.get("tta.gateway.publish.batch.requests").summary();
        assertThat(batches.count()).as("transactions for %d posts", POSTS).isLessThan(POSTS);
        assertThat(batches.max()).isGreaterThan(1);
    }

    private Flux<Post> post(WebClient client, String token, String session, int i) {
        return client.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(("{\"text\":\"message " + i + "\"}").getBytes(StandardCharsets.UTF_8))
                .exchangeToFlux(response -> {
                    assertThat(response.statusCode().value()).as("status of post %d", i).isEqualTo(202);
                    return response.bodyToFlux(org.tta.gateway.ingest.Accepted.class);
                })
                .map(body -> new Post(session, body.id(), offsetOf(body.position())));
    }

    /** The stream position is opaque to clients; this test knows it is {@code partition-offset}. */
    private static long offsetOf(String position) {
        return Long.parseLong(position.substring(position.indexOf('-') + 1));
    }

    /** Each session's values in log order (one session lives on one partition), the warm-up left out. */
    private Map<String, List<String>> bySession(TopicId topic, Function<ConsumerRecord<String, byte[]>, String> value) {
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topics.name(topic))) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                probe.pollFor(Duration.ofMillis(200)).stream().filter(r -> !r.key().equals(WARM_UP)).forEach(records::add);
                return records.size() >= POSTS;
            });
            // Anything written twice would be right behind.
            probe.pollFor(Duration.ofMillis(500)).stream().filter(r -> !r.key().equals(WARM_UP)).forEach(records::add);
            assertThat(records).as("records on %s", topic).hasSize(POSTS);
            return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new,
                    Collectors.mapping(value, Collectors.toList())));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
