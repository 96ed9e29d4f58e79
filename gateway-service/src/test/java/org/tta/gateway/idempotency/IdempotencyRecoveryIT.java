package org.tta.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.events.EventReceipt;
import org.tta.gateway.events.EventsAccepted;
import org.tta.gateway.ingest.Accepted;
import org.tta.gateway.publish.EventPublisher;
import org.tta.gateway.publish.PublishOutcomeUnknownException;
import org.tta.gateway.publish.TransactionalEventPublisher;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two windows in which a keyed message used to be written twice (issue 10, ADR 0013), against real Redis and
 * Kafka, without killing a process: the gateway "dies" between the Kafka commit and storing the key's result (a
 * store that loses results), and a publish answered 503 after a timeout commits anyway (a publisher that reports a
 * timeout after its commit). The retry with the same key, once the lease ended, must get the original event and
 * the topics must hold the message and its audit record exactly once. The same for a service's event batch that
 * spans two sessions on two partitions: the original receipts, each event once.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        // a short lease; it must outlast publish timeout + delivery.timeout.ms + 2 x max.block.ms (8.5 s here)
        "tta.gateway.idempotency.in-progress-ttl=9s",
        "tta.gateway.idempotency.max-wait=200ms",
        "tta.gateway.ingest.publish-timeout=3s",
        "spring.kafka.producer.properties.request.timeout.ms=3000",
        "spring.kafka.producer.properties.delivery.timeout.ms=3500",
        "spring.kafka.producer.properties.max.block.ms=1000"})
@AutoConfigureWebTestClient
class IdempotencyRecoveryIT {

    private static final String PROBLEMS = "https://problems.tta.org/";
    private static final String ALICE = Tokens.aPatient("alice");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Autowired
    SessionDirectory sessions;

    @Autowired
    TopicCatalog topics;

    @Autowired
    Faults faults;

    private final EventCodec codec = EventCodec.standard();

    @AfterEach
    void healAll() {
        faults.loseResults.set(false);
        faults.timeOutAfterCommit.set(false);
    }

    @Test
    void answersTheRetryWithTheOriginalEventWhenTheGatewayDiedBeforeStoringTheResult() {
        String session = aSession("idem-crash");
        String key = UUID.randomUUID().toString();
        faults.loseResults.set(true);
        Accepted original = accepted(post(session, key, "{\"text\":\"written before the crash\"}"));
        faults.loseResults.set(false);

        // while the dead attempt's lease lasts, a retry waits and is told to come back; nothing runs
        post(session, key, "{\"text\":\"written before the crash\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "idempotency-in-progress");
        Accepted retried = retryUntilAccepted(session, key, "{\"text\":\"written before the crash\"}");

        assertThat(retried).isEqualTo(original);
        assertWrittenOnce(session, "written before the crash", original);
    }

    @Test
    void answersTheRetryWithTheEventOfAPublishThatTimedOutButCommitted() {
        String session = aSession("idem-timeout");
        String key = UUID.randomUUID().toString();
        faults.timeOutAfterCommit.set(true);
        post(session, key, "{\"text\":\"committed after the timeout\"}").expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "broker-unavailable");
        faults.timeOutAfterCommit.set(false);

        Accepted retried = retryUntilAccepted(session, key, "{\"text\":\"committed after the timeout\"}");

        assertWrittenOnce(session, "committed after the timeout", retried);
    }

    @Test
    void answersARetriedEventBatchWithItsOriginalReceiptsWhenTheResultWasLost() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = "idem-batch-a-" + suffix;
        String second = onAnotherPartitionThan(first);
        String key = UUID.randomUUID().toString();
        String batch = "[" + serviceEvent(first) + "," + serviceEvent(second) + "]";
        faults.loseResults.set(true);
        EventsAccepted original = postEvents(key, batch).expectStatus().isAccepted().expectBody(EventsAccepted.class)
                .returnResult().getResponseBody();
        faults.loseResults.set(false);

        EventsAccepted retried = retryUntilAccepted(() -> postEvents(key, batch), EventsAccepted.class);

        assertThat(retried).isEqualTo(original);
        assertThat(original.events()).extracting(r -> r.position().split("-")[0]).doesNotHaveDuplicates();
        EventsAccepted markers = postEvents(null, "[" + serviceEvent(first) + "," + serviceEvent(second) + "]")
                .expectStatus().isAccepted().expectBody(EventsAccepted.class).returnResult().getResponseBody();
        for (int i = 0; i < 2; i++) {
            String session = i == 0 ? first : second;
            String markerId = markers.events().get(i).id();
            List<ConsumerRecord<String, byte[]>> events = recordsUntil(session, TopicId.SESSION_EVENTS,
                    r -> markerId.equals(KafkaProbe.header(r, "ce_id")));
            EventReceipt receipt = original.events().get(i);
            assertThat(events).extracting(r -> KafkaProbe.header(r, "ce_id")).containsExactly(receipt.id(), markerId);
            assertThat(receipt.position()).isEqualTo(events.get(0).partition() + "-" + events.get(0).offset());
        }
    }

    /** A session id whose events go to another partition of the session topic than {@code session}'s. */
    private String onAnotherPartitionThan(String session) {
        int partitions;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers()))) {
            String topic = topics.name(TopicId.SESSION_EVENTS);
            partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("could not describe the session topic", e);
        }
        assertThat(partitions).as("partitions of the session topic").isGreaterThan(1);
        for (int i = 0; ; i++) {
            String candidate = session + "-other-" + i;
            if (partition(candidate, partitions) != partition(session, partitions)) {
                return candidate;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The session topic holds the text once, as the event the client was given, and the audit trail its record once. */
    private void assertWrittenOnce(String session, String text, Accepted answer) {
        Accepted marker = accepted(post(session, null, "{\"text\":\"marker\"}"));
        List<ConsumerRecord<String, byte[]>> events = recordsUntil(session, TopicId.SESSION_EVENTS,
                r -> marker.id().equals(KafkaProbe.header(r, "ce_id")));
        assertThat(events).extracting(r -> codec.decode(r.value(), SessionMessage.class).text())
                .containsExactly(text, "marker");
        ConsumerRecord<String, byte[]> event = events.get(0);
        assertThat(answer).isEqualTo(new Accepted(KafkaProbe.header(event, "ce_id"),
                event.partition() + "-" + event.offset()));
        List<ConsumerRecord<String, byte[]>> audits = recordsUntil(session, TopicId.AUDIT_RECORDS,
                r -> marker.id().equals(codec.decode(r.value(), AuditRecord.class).resourceId()));
        assertThat(audits).extracting(r -> codec.decode(r.value(), AuditRecord.class).resourceId())
                .containsExactly(answer.id(), marker.id());
    }

    /** The session's committed records on a topic, up to and including the first that {@code last} accepts. */
    private List<ConsumerRecord<String, byte[]>> recordsUntil(String session, TopicId topic,
                                                              java.util.function.Predicate<ConsumerRecord<String, byte[]>> last) {
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topics.name(topic))) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.pollFor(Duration.ofMillis(200)).stream().filter(r -> session.equals(r.key())).forEach(records::add);
                return records.stream().anyMatch(last);
            });
            return records;
        }
    }

    /** Retries a message post as a client would after 409 or 503, with the same key, until the answer is 202. */
    private Accepted retryUntilAccepted(String session, String key, String json) {
        return retryUntilAccepted(() -> post(session, key, json), Accepted.class);
    }

    private <T> T retryUntilAccepted(Supplier<WebTestClient.ResponseSpec> request, Class<T> type) {
        AtomicReference<T> accepted = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            EntityExchangeResult<String> result = request.get().expectBody(String.class).returnResult();
            int status = result.getStatus().value();
            assertThat(status).as("a retry's answer").isIn(202, 409, 503);
            if (status == 202) {
                accepted.set(JSON.readValue(result.getResponseBody(), type));
            }
            return status == 202;
        });
        return accepted.get();
    }

    private WebTestClient.ResponseSpec postEvents(String key, String batch) {
        var request = http.post().uri("/api/v1/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aService("narrative-engine", "events:publish"))
                .header(HttpHeaders.CONTENT_TYPE, "application/cloudevents-batch+json");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(batch.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private static String serviceEvent(String session) {
        return "{\"specversion\":\"1.0\",\"type\":\"org.tta.narrative.scene.v1\",\"subject\":\"" + session
                + "\",\"data\":{\"scene\":\"forest\"}}";
    }

    private static Accepted accepted(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isAccepted().expectBody(Accepted.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String session, String key, String json) {
        var request = http.post().uri("/api/v1/sessions/{id}/messages", session)
                .header("Authorization", "Bearer " + ALICE)
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private String aSession(String prefix) {
        String session = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Members.ensure(sessions, session, ALICE);
        return session;
    }

    /** Switches for the two windows, each a decorator of the real bean. */
    static final class Faults {
        final AtomicBoolean loseResults = new AtomicBoolean();
        final AtomicBoolean timeOutAfterCommit = new AtomicBoolean();
    }

    @TestConfiguration
    static class FaultConfig {

        @Bean
        Faults faults() {
            return new Faults();
        }

        /** Redis, except that storing a result fails while switched on: the gateway died after the commit. */
        @Bean
        @Primary
        IdempotencyStore resultLosingStore(RedisIdempotencyStore redis, Faults faults) {
            return new IdempotencyStore() {
                @Override
                public Mono<Boolean> claim(String key, String marker, Duration ttl) {
                    return redis.claim(key, marker, ttl);
                }

                @Override
                public Mono<String> get(String key) {
                    return redis.get(key);
                }

                @Override
                public Mono<Boolean> complete(String key, String marker, String value, Duration ttl) {
                    return faults.loseResults.get() ? Mono.error(new IllegalStateException("killed before storing"))
                            : redis.complete(key, marker, value, ttl);
                }

                @Override
                public Mono<Boolean> replace(String key, String expected, String marker, Duration ttl) {
                    return redis.replace(key, expected, marker, ttl);
                }

                @Override
                public Mono<Boolean> release(String key, String marker) {
                    return redis.release(key, marker);
                }
            };
        }

        /** The real publisher, except that while switched on a committed write is reported as timed out. */
        @Bean
        @Primary
        EventPublisher timingOutPublisher(TransactionalEventPublisher real, Faults faults) {
            return records -> real.publishAll(records).flatMap(published -> faults.timeOutAfterCommit.get()
                    ? Mono.error(new PublishOutcomeUnknownException("timed out; committed later", null))
                    : Mono.just(published));
        }
    }
}
