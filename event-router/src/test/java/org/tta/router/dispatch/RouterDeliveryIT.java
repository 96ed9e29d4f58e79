package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.testkit.Tokens;
import org.tta.router.deadletter.DeadLetterHeaders;
import org.tta.router.deadletter.DeadLetterStore;
import org.tta.router.deadletter.Redriver;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.support.RouterFixtures;
import org.tta.router.support.WebhookReceiver;
import org.tta.router.support.WebhookReceiver.Answer;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.router.webhook.WebhookDispatcher;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TtaIntegrationTest;

@TtaIntegrationTest
@AutoConfigureWebTestClient
@SpringBootTest(properties = {
        "spring.config.name=event-router",
        "tta.router.allow-http=LOOPBACK",
        "tta.router.group-id=${tta.kafka.topic-prefix}event-router",
        "tta.router.delivery.retry=3",
        "tta.router.delivery.backoff-delay=50ms",
        "tta.router.delivery.max-backoff=500ms",
        "tta.router.delivery.timeout=2s",
        "tta.router.delivery.retry-after-max=5s",
        "tta.router.delivery.breaker-minimum-calls=1000",
        "tta.router.safety.on-call-sink=kafka://${tta.kafka.topic-prefix}oncall.v1",
        "tta.router.safety.review-sink=kafka://${tta.kafka.topic-prefix}review.v1"})
class RouterDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static WebhookReceiver receiver;

    @Autowired
    TopicCatalog topics;

    @Autowired
    SubscriptionTable table;

    @Autowired
    WebTestClient http;

    @Autowired
    DeadLetterStore deadLetters;

    @Autowired
    WebhookDispatcher webhooks;

    @Autowired
    DeliveryMetrics deliveryMetrics;

    @Autowired
    Clock clock;

    @Value("${tta.kafka.topic-prefix}")
    String prefix;

    @org.junit.jupiter.api.BeforeEach
    void patientClient() {
        // A dead-letter scan opens a consumer and reads the DLQs: slow on a busy machine.
        http = http.mutate().responseTimeout(WAIT).build();
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliversToAKafkaSinkExactlyOnceInOrderPerSession() {
        String sink = prefix + "sink.kafka.v1";
        subscribe(RouterFixtures.aSubscription("sub-kafka", "kafka://" + sink, "ks-"));
        List<Map.Entry<String, CloudEvent>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String session = "ks-" + (i % 3);
            events.add(Map.entry(session, RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session, "{\"n\":" + i + "}")));
        }
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), events);

        try (KafkaProbe probe = probe(sink)) {
            List<ConsumerRecord<String, byte[]>> records = probe.awaitRecords(30, WAIT);
            records.addAll(probe.pollFor(Duration.ofSeconds(2)));
            assertThat(records).extracting(r -> KafkaProbe.header(r, "ce_id"))
                    .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.getValue().getId()).toList());
            for (String session : List.of("ks-0", "ks-1", "ks-2")) {
                assertThat(records.stream().filter(r -> r.key().equals(session)).map(r -> KafkaProbe.header(r, "ce_id")))
                        .containsExactlyElementsOf(events.stream().filter(e -> e.getKey().equals(session))
                                .map(e -> e.getValue().getId()).toList());
            }
        }
    }

    @Test
    void routesOnlyWhatACloudEventsSqlFilterSelects() {
        String sink = prefix + "sink.sql.v1";
        subscribe(new Subscription("sub-sql", "svc-test", null, List.of(), org.tta.schemas.json.TtaJson.mapper().readTree(
                "[{\"sql\":\"subject LIKE 'sq-%' AND subject <> 'sq-skip' AND type = '" + EventTypes.SESSION_MESSAGE
                        + "'\"}]"), "kafka://" + sink, null, null, null));
        CloudEvent first = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "sq-1", "{}");
        CloudEvent skipped = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "sq-skip", "{}");
        CloudEvent second = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "sq-2", "{}");
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS),
                List.of(Map.entry("sq-1", first), Map.entry("sq-skip", skipped), Map.entry("sq-2", second)));

        try (KafkaProbe probe = probe(sink)) {
            List<ConsumerRecord<String, byte[]>> records = probe.awaitRecords(2, WAIT);
            records.addAll(probe.pollFor(Duration.ofSeconds(2)));
            assertThat(records).extracting(r -> KafkaProbe.header(r, "ce_id"))
                    .containsExactlyInAnyOrder(first.getId(), second.getId());
        }
    }

    @Test
    void appliesSubscriptionChangesAndDeletionsWithoutARestart() {
        String first = prefix + "sink.change.a";
        String second = prefix + "sink.change.b";
        subscribe(RouterFixtures.aSubscription("sub-change", "kafka://" + first, "ch-"));
        send("ch-1", "{\"n\":1}");
        try (KafkaProbe probe = probe(first)) {
            assertThat(probe.awaitRecords(1, WAIT)).hasSize(1);
        }

        subscribe(RouterFixtures.aSubscription("sub-change", "kafka://" + second, "ch-"));
        send("ch-1", "{\"n\":2}");
        try (KafkaProbe probe = probe(second)) {
            assertThat(probe.awaitRecords(1, WAIT)).hasSize(1);
        }

        RouterFixtures.deleteSubscription(topics.name(TopicId.SUBSCRIPTIONS), "sub-change");
        Awaitility.await().atMost(WAIT).until(() -> table.get("sub-change").isEmpty());
    }

    @Test
    void signsWebhooksPerStandardWebhooksAndSendsCloudEventsBinaryMode() throws Exception {
        subscribe(RouterFixtures.aSubscription("sub-signed", receiver.url("/signed"), "sg-"));
        CloudEvent event = send("sg-1", "{\"text\":\"hello\"}");

        Awaitility.await().atMost(WAIT).until(() -> !receiver.received("/signed").isEmpty());
        WebhookReceiver.Received request = receiver.received("/signed").getFirst();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hello\"}");
        assertThat(request.header("ce-id")).isEqualTo(event.getId());
        assertThat(request.header("ce-type")).isEqualTo(EventTypes.SESSION_MESSAGE);
        assertThat(request.header("ce-specversion")).isEqualTo("1.0");
        assertThat(request.header("ce-subject")).isEqualTo("sg-1");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("webhook-id")).isEqualTo(event.getId());
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        assertThat(request.header("webhook-signature").split(" "))
                .contains(expectedSignature(RouterFixtures.SECRET, request.header("webhook-id"), timestamp, request.body()));
    }

    @Test
    void retriesFailuresWithTheSameWebhookIdAndHonoursRetryAfter() {
        receiver.script("/flaky", r -> switch (r.attempt()) {
            case 1 -> Answer.status(500);
            case 2 -> new Answer(429, Map.of("Retry-After", "1"));
            case 3 -> Answer.CLOSE;
            default -> Answer.OK;
        });
        subscribe(RouterFixtures.aSubscription("sub-flaky", receiver.url("/flaky"), "fl-"));
        CloudEvent event = send("fl-1", "{}");

        Awaitility.await().atMost(WAIT).until(() -> receiver.received("/flaky").size() >= 4);
        List<WebhookReceiver.Received> requests = receiver.received("/flaky");
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(event.getId());
        assertThat(Duration.ofNanos(requests.get(2).atNanos() - requests.get(1).atNanos()))
                .as("the wait after 429 with Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        try (KafkaProbe dlq = probe(topics.name(TopicId.SESSION_EVENTS_DLQ))) {
            assertThat(dlq.pollFor(Duration.ofSeconds(2))).noneMatch(r -> "sub-flaky".equals(
                    KafkaProbe.header(r, DeadLetterHeaders.SUBSCRIPTION)));
        }
    }

    @Test
    void deadLettersA410AtOnceAndRetriesA500UntilTheBudgetIsSpent() {
        receiver.script("/gone", r -> Answer.status(410));
        receiver.script("/broken", r -> Answer.status(500));
        subscribe(RouterFixtures.aSubscription("sub-gone", receiver.url("/gone"), "gn-"));
        subscribe(RouterFixtures.aSubscription("sub-broken", receiver.url("/broken"), "bk-"));
        CloudEvent gone = send("gn-1", "{}");
        CloudEvent broken = send("bk-1", "{}");

        try (KafkaProbe dlq = probe(topics.name(TopicId.SESSION_EVENTS_DLQ))) {
            List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
            Awaitility.await().atMost(WAIT).until(() -> {
                letters.addAll(dlq.pollFor(Duration.ofMillis(200)));
                return letters.stream().filter(r -> KafkaProbe.header(r, DeadLetterHeaders.SUBSCRIPTION) != null)
                        .map(r -> KafkaProbe.header(r, "ce_id")).toList().containsAll(List.of(gone.getId(), broken.getId()));
            });
            ConsumerRecord<String, byte[]> goneLetter = byId(letters, gone.getId());
            assertThat(KafkaProbe.header(goneLetter, DeadLetterHeaders.SUBSCRIPTION)).isEqualTo("sub-gone");
            assertThat(KafkaProbe.header(goneLetter, DeadLetterHeaders.STATUS)).isEqualTo("410");
            assertThat(KafkaProbe.header(goneLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
            assertThat(goneLetter.key()).isEqualTo("gn-1");
            ConsumerRecord<String, byte[]> brokenLetter = byId(letters, broken.getId());
            assertThat(KafkaProbe.header(brokenLetter, DeadLetterHeaders.STATUS)).isEqualTo("500");
            assertThat(KafkaProbe.header(brokenLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
            assertThat(KafkaProbe.header(brokenLetter, DeadLetterHeaders.ERROR)).isEqualTo("http-500");
        }
        assertThat(receiver.received("/gone")).hasSize(1);
        assertThat(receiver.received("/broken")).hasSize(4);
    }

    @Test
    void keepsOrderPerSessionUnderRetriesWhileAnotherSessionProceeds() {
        List<String> slowIds = new ArrayList<>();
        receiver.script("/ordered", r -> slowIds.contains(r.header("webhook-id")) && r.attempt() <= 2
                ? Answer.status(503) : Answer.OK);
        subscribe(RouterFixtures.aSubscription("sub-ordered", receiver.url("/ordered"), "or-"));
        CloudEvent a1 = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "or-a", "{\"n\":1}");
        CloudEvent a2 = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "or-a", "{\"n\":2}");
        CloudEvent a3 = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "or-a", "{\"n\":3}");
        CloudEvent b1 = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "or-b", "{\"n\":1}");
        CloudEvent b2 = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "or-b", "{\"n\":2}");
        slowIds.add(a1.getId());
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), List.of(
                Map.entry("or-a", a1), Map.entry("or-b", b1), Map.entry("or-a", a2), Map.entry("or-b", b2),
                Map.entry("or-a", a3)));

        Awaitility.await().atMost(WAIT).until(() -> receiver.received("/ordered").size() >= 7);
        List<String> delivered = receiver.received("/ordered").stream().map(r -> r.header("webhook-id")).toList();
        List<String> sessionA = delivered.stream().filter(id -> List.of(a1.getId(), a2.getId(), a3.getId()).contains(id))
                .toList();
        assertThat(sessionA).containsExactly(a1.getId(), a1.getId(), a1.getId(), a2.getId(), a3.getId());
        int a1Success = delivered.lastIndexOf(a1.getId());
        assertThat(delivered.indexOf(b2.getId())).as("session b is not held up by a's retries").isLessThan(a1Success);
        assertThat(delivered.indexOf(b1.getId())).isLessThan(delivered.indexOf(b2.getId()));
    }

    @Test
    void deadLettersAPoisonRecordAndKeepsThePartitionMoving() {
        String sink = prefix + "sink.poison.v1";
        subscribe(RouterFixtures.aSubscription("sub-poison", "kafka://" + sink, "pp-"));
        RouterFixtures.sendRaw(topics.name(TopicId.SESSION_EVENTS), "pp-1", "not a cloud event".getBytes(StandardCharsets.UTF_8));
        CloudEvent after = send("pp-1", "{}");

        try (KafkaProbe out = probe(sink)) {
            assertThat(KafkaProbe.header(out.awaitRecords(1, WAIT).getFirst(), "ce_id")).isEqualTo(after.getId());
        }
        try (KafkaProbe dlq = probe(topics.name(TopicId.SESSION_EVENTS_DLQ))) {
            List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
            Awaitility.await().atMost(WAIT).until(() -> {
                letters.addAll(dlq.pollFor(Duration.ofMillis(200)));
                return letters.stream().anyMatch(r -> "pp-1".equals(r.key()));
            });
            ConsumerRecord<String, byte[]> poison = letters.stream().filter(r -> "pp-1".equals(r.key())).findFirst().orElseThrow();
            assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
            assertThat(KafkaProbe.header(poison, DeadLetterHeaders.ERROR)).isEqualTo("unreadable");
            assertThat(KafkaProbe.header(poison, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.name(TopicId.SESSION_EVENTS));
        }
    }

    @Test
    void routesSessionMessagesToTheParticipantsUnchanged() {
        CloudEvent event = send("pa-1", "{\"text\":\"hi\"}");

        try (KafkaProbe deliveries = probe(topics.name(TopicId.DELIVERIES))) {
            ConsumerRecord<String, byte[]> record = deliveries.awaitRecordsWithKey("pa-1", 1, WAIT).getFirst();
            CloudEvent delivered = KafkaProbe.toCloudEvent(record);
            assertThat(delivered.getId()).isEqualTo(event.getId());
            assertThat(delivered.getType()).isEqualTo(EventTypes.SESSION_MESSAGE);
            assertThat(delivered.getSource()).isEqualTo(event.getSource());
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\"}");
        }
    }

    @Test
    void sendsEscalationsToOnCallAndOneSupportiveNoticeToTheSession() {
        String session = "es-" + UUID.randomUUID();
        String escalationId = "esc-" + UUID.randomUUID();
        CloudEvent opened = RouterFixtures.anEvent(EventTypes.SAFETY_ESCALATION, session, "{\"escalationId\":\""
                + escalationId + "\",\"sessionId\":\"" + session + "\",\"step\":\"opened\",\"tier\":\"imminent\"}");
        CloudEvent again = RouterFixtures.anEvent(EventTypes.SAFETY_ESCALATION, session, "{\"escalationId\":\""
                + escalationId + "\",\"sessionId\":\"" + session + "\",\"step\":\"re_escalated\",\"tier\":\"imminent\"}");
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SAFETY_ESCALATIONS),
                List.of(Map.entry(session, opened), Map.entry(session, again)));

        try (KafkaProbe onCall = probe(prefix + "oncall.v1")) {
            assertThat(onCall.awaitRecordsWithKey(session, 2, WAIT)).extracting(r -> KafkaProbe.header(r, "ce_id"))
                    .containsExactly(opened.getId(), again.getId());
        }
        try (KafkaProbe deliveries = probe(topics.name(TopicId.DELIVERIES))) {
            List<ConsumerRecord<String, byte[]>> notices = deliveries.awaitRecordsWithKey(session, 1, WAIT);
            notices.addAll(deliveries.pollFor(Duration.ofSeconds(2)).stream().filter(r -> session.equals(r.key())).toList());
            assertThat(notices).hasSize(1);
            CloudEvent notice = KafkaProbe.toCloudEvent(notices.getFirst());
            assertThat(notice.getType()).isEqualTo(EventTypes.SAFETY_NOTICE);
            assertThat(notice.getSubject()).isEqualTo(session);
            String data = new String(notice.getData().toBytes(), StandardCharsets.UTF_8);
            assertThat(data).contains("\"escalationId\":\"" + escalationId + "\"").contains("\"contact\":\"988\"");
        }
    }

    @Test
    void sendsAReviewEscalationToTheReviewQueueOnlyAndItsPageToOnCallWithTheNotice() {
        String session = "rv-" + UUID.randomUUID();
        String escalationId = "esc-" + UUID.randomUUID();
        CloudEvent opened = RouterFixtures.anEvent(EventTypes.SAFETY_ESCALATION, session, "{\"escalationId\":\""
                + escalationId + "\",\"sessionId\":\"" + session + "\",\"step\":\"opened\",\"tier\":\"high\","
                + "\"route\":\"review\"}");
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SAFETY_ESCALATIONS), List.of(Map.entry(session, opened)));

        try (KafkaProbe review = probe(prefix + "review.v1"); KafkaProbe onCall = probe(prefix + "oncall.v1");
                KafkaProbe deliveries = probe(topics.name(TopicId.DELIVERIES))) {
            assertThat(review.awaitRecordsWithKey(session, 1, WAIT)).extracting(r -> KafkaProbe.header(r, "ce_id"))
                    .containsExactly(opened.getId());
            assertThat(onCall.pollFor(Duration.ofSeconds(2))).noneMatch(r -> session.equals(r.key()));
            assertThat(deliveries.pollFor(Duration.ofSeconds(1))).noneMatch(r -> session.equals(r.key()));

            CloudEvent paged = RouterFixtures.anEvent(EventTypes.SAFETY_ESCALATION, session, "{\"escalationId\":\""
                    + escalationId + "\",\"sessionId\":\"" + session + "\",\"step\":\"re_escalated\",\"tier\":\"high\","
                    + "\"route\":\"page\",\"previousRoute\":\"review\"}");
            RouterFixtures.sendInOneTransaction(topics.name(TopicId.SAFETY_ESCALATIONS), List.of(Map.entry(session, paged)));

            assertThat(onCall.awaitRecordsWithKey(session, 1, WAIT)).extracting(r -> KafkaProbe.header(r, "ce_id"))
                    .containsExactly(paged.getId());
            CloudEvent notice = KafkaProbe.toCloudEvent(deliveries.awaitRecordsWithKey(session, 1, WAIT).getFirst());
            assertThat(notice.getType()).isEqualTo(EventTypes.SAFETY_NOTICE);
            assertThat(review.pollFor(Duration.ofSeconds(1))).noneMatch(r -> session.equals(r.key()));
        }
    }

    @Test
    void putsARedrivenLetterThatFailsAgainBackAmongThePendingLettersWithItsAttempts() {
        java.util.concurrent.atomic.AtomicInteger answer = new java.util.concurrent.atomic.AtomicInteger(400);
        receiver.script("/refail", r -> answer.get() == 204 ? Answer.OK : Answer.status(answer.get()));
        subscribe(RouterFixtures.aSubscription("sub-refail", receiver.url("/refail"), "rf-"));
        CloudEvent event = send("rf-1", "{}");
        String ops = Tokens.anOperator("olga");
        Awaitility.await().atMost(WAIT).until(() -> listing(ops, "sub-refail").contains(event.getId()));

        // Still refused at the redrive (another 4xx: one attempt, not retried): dead-lettered afresh, not lost.
        answer.set(403);
        http.post().uri("/api/v1/dead-letters/redrive").headers(h -> h.setBearerAuth(ops))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription\":\"sub-refail\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.redriven").isEqualTo(1).jsonPath("$.failedAgain").isEqualTo(1);
        http.get().uri("/api/v1/dead-letters?subscription=sub-refail").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.deadLetters.length()").isEqualTo(1)
                .jsonPath("$.deadLetters[0].status").isEqualTo(403)
                .jsonPath("$.deadLetters[0].attempts").isEqualTo(1)
                .jsonPath("$.deadLetters[0].key").isEqualTo("rf-1");

        // The letter written by the failed redrive is itself redrivable, and is delivered once the receiver accepts it.
        answer.set(204);
        http.post().uri("/api/v1/dead-letters/redrive").headers(h -> h.setBearerAuth(ops))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription\":\"sub-refail\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.redriven").isEqualTo(1).jsonPath("$.failedAgain").isEqualTo(0);
        assertThat(receiver.received("/refail")).hasSize(3).extracting(r -> r.header("webhook-id")).containsOnly(event.getId());
        assertThat(listing(ops, "sub-refail")).doesNotContain(event.getId());
    }

    @Test
    void redrivesALetterAgainWithTheSameWebhookIdWhenTheRouterDiedBetweenRedeliveryAndMarker() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean accept = new java.util.concurrent.atomic.AtomicBoolean(false);
        receiver.script("/diedrive", r -> accept.get() ? Answer.OK : Answer.status(400));
        subscribe(RouterFixtures.aSubscription("sub-diedrive", receiver.url("/diedrive"), "dd-"));
        CloudEvent event = send("dd-1", "{}");
        String ops = Tokens.anOperator("olga");
        Awaitility.await().atMost(WAIT).until(() -> listing(ops, "sub-diedrive").contains(event.getId()));

        // A redrive whose process dies after the redelivery, before its marker is written.
        accept.set(true);
        try (KafkaProducer<String, byte[]> dying = producerDyingAtTheFirstMarker()) {
            Redriver redriver = new Redriver(table, deadLetters, webhooks, dying, deliveryMetrics, clock);
            assertThatThrownBy(() -> redriver.redrive("sub-diedrive", null, 10)).isInstanceOf(RouterDied.class);
        }
        assertThat(receiver.received("/diedrive")).hasSize(2);

        // Not lost: still pending, and the next redrive sends it again under the same webhook-id (at least once).
        assertThat(listing(ops, "sub-diedrive")).contains(event.getId());
        http.post().uri("/api/v1/dead-letters/redrive").headers(h -> h.setBearerAuth(ops))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription\":\"sub-diedrive\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.redriven").isEqualTo(1).jsonPath("$.failedAgain").isEqualTo(0);
        assertThat(receiver.received("/diedrive")).hasSize(3).extracting(r -> r.header("webhook-id"))
                .containsOnly(event.getId());
        assertThat(listing(ops, "sub-diedrive")).doesNotContain(event.getId());
    }

    /** Stands for a router killed at the redrive marker: that send and every later one fail. */
    private static KafkaProducer<String, byte[]> producerDyingAtTheFirstMarker() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer()) {
            private boolean dead;

            @Override
            public java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
                dead |= record.value() == null && DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.REDRIVEN_OF) != null;
                if (dead) {
                    throw new RouterDied();
                }
                return super.send(record);
            }
        };
    }

    private static final class RouterDied extends RuntimeException {
    }

    private String listing(String token, String subscription) {
        return String.valueOf(http.get().uri("/api/v1/dead-letters?subscription=" + subscription)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    @Test
    void listsAndRedrivesDeadLettersForOperatorsAndAuditsBoth() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        receiver.script("/redrive", r -> down.get() ? Answer.status(400) : Answer.OK);
        subscribe(RouterFixtures.aSubscription("sub-redrive", receiver.url("/redrive"), "rd-"));
        CloudEvent event = send("rd-1", "{}");
        String ops = Tokens.anOperator("olga");

        Awaitility.await().atMost(WAIT).until(() -> String.valueOf(http.get()
                .uri("/api/v1/dead-letters?subscription=sub-redrive").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()).contains(event.getId()));
        http.get().uri("/api/v1/dead-letters?subscription=sub-redrive").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectBody()
                .jsonPath("$.deadLetters[0].subscription").isEqualTo("sub-redrive")
                .jsonPath("$.deadLetters[0].status").isEqualTo(400)
                .jsonPath("$.deadLetters[0].key").isEqualTo("rd-1");

        down.set(false);
        http.post().uri("/api/v1/dead-letters/redrive").headers(h -> h.setBearerAuth(ops))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription\":\"sub-redrive\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.redriven").isEqualTo(1).jsonPath("$.failedAgain").isEqualTo(0);

        assertThat(receiver.received("/redrive")).hasSize(2).extracting(r -> r.header("webhook-id")).containsOnly(event.getId());
        // Redriven, so no longer pending: neither listed nor redriven again.
        assertThat(http.get().uri("/api/v1/dead-letters?subscription=sub-redrive").headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(event.getId());
        http.post().uri("/api/v1/dead-letters/redrive").headers(h -> h.setBearerAuth(ops))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription\":\"sub-redrive\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.redriven").isEqualTo(0);
        assertThat(receiver.received("/redrive")).hasSize(2);
        try (KafkaProbe audit = probe(topics.name(TopicId.AUDIT_RECORDS))) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Awaitility.await().atMost(WAIT).until(() -> {
                records.addAll(audit.pollFor(Duration.ofMillis(200)));
                return records.stream().anyMatch(r -> "rd-1".equals(r.key()))
                        && records.stream().anyMatch(r -> "olga".equals(r.key()));
            });
            assertThat(records).filteredOn(r -> "rd-1".equals(r.key()))
                    .anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("deadletter.redriven"));
            assertThat(records).filteredOn(r -> "olga".equals(r.key()))
                    .anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("deadletter.read"));
        }
    }

    @Test
    void refusesDeadLettersToAnyoneButOperators() {
        http.get().uri("/api/v1/dead-letters").headers(h -> h.setBearerAuth(Tokens.aTherapist("theo"))).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/forbidden");
        http.post().uri("/api/v1/dead-letters/redrive").headers(h -> h.setBearerAuth(Tokens.aPatient("alice")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription\":\"x\"}").exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/dead-letters").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void deadLettersAfterTimeoutsWhenTheReceiverNeverAnswers() {
        receiver.script("/hang", r -> Answer.HANG);
        subscribe(new Subscription("sub-hang", "svc-test", null, List.of(), org.tta.schemas.json.TtaJson.mapper()
                .readTree("[{\"prefix\":{\"subject\":\"hg-\"}}]"), receiver.url("/hang"), null,
                new Subscription.SinkCredential(RouterFixtures.SECRET), new org.tta.schemas.subscription.SubscriptionConfig(
                null, new org.tta.schemas.subscription.DeliveryPolicy(1, "linear", Duration.ofMillis(50), null,
                Duration.ofMillis(500), null, null), null, null)));
        CloudEvent event = send("hg-1", "{}");

        try (KafkaProbe dlq = probe(topics.name(TopicId.SESSION_EVENTS_DLQ))) {
            List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
            Awaitility.await().atMost(WAIT).until(() -> {
                letters.addAll(dlq.pollFor(Duration.ofMillis(200)));
                return letters.stream().anyMatch(r -> event.getId().equals(KafkaProbe.header(r, "ce_id")));
            });
            ConsumerRecord<String, byte[]> letter = byId(letters, event.getId());
            assertThat(KafkaProbe.header(letter, DeadLetterHeaders.ERROR)).isEqualTo("timeout");
            assertThat(KafkaProbe.header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("2");
            assertThat(KafkaProbe.header(letter, DeadLetterHeaders.STATUS)).isEqualTo("0");
        }
    }

    // Standard Webhooks, section "Signature scheme", written here from the spec on purpose.
    private static String expectedSignature(String secret, String id, long timestamp, byte[] body) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] prefixBytes = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefixBytes.length + body.length];
        System.arraycopy(prefixBytes, 0, signed, 0, prefixBytes.length);
        System.arraycopy(body, 0, signed, prefixBytes.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac.doFinal(signed));
    }

    private void subscribe(Subscription subscription) {
        RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS), subscription);
        Awaitility.await().atMost(WAIT).until(() -> table.get(subscription.id())
                .filter(route -> route.subscription().sink().equals(subscription.sink())).isPresent());
    }

    private CloudEvent send(String session, String json) {
        CloudEvent event = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session, json);
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), List.of(Map.entry(session, event)));
        return event;
    }

    private static KafkaProbe probe(String topic) {
        return KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topic);
    }

    private static ConsumerRecord<String, byte[]> byId(List<ConsumerRecord<String, byte[]>> records, String id) {
        return records.stream().filter(r -> id.equals(KafkaProbe.header(r, "ce_id"))).findFirst().orElseThrow();
    }
}
