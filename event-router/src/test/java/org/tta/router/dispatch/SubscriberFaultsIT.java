package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.tta.router.deadletter.DeadLetterHeaders;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.support.RouterFixtures;
import org.tta.router.support.WebhookReceiver;
import org.tta.router.support.WebhookReceiver.Answer;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.subscription.DeliveryPolicy;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.subscription.SubscriptionConfig;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TtaIntegrationTest;

/**
 * What protects subscribers from each other (breaker, concurrency cap, rate limit) and how the
 * router treats receivers that are slow, drop the connection, or events nobody wants. Unlike
 * {@link RouterDeliveryIT}, the breaker is live here: it opens after 4 calls that all failed.
 */
@TtaIntegrationTest
@SpringBootTest(properties = {
        "spring.config.name=event-router",
        "tta.router.allow-http=LOOPBACK",
        "tta.router.group-id=${tta.kafka.topic-prefix}event-router",
        "tta.router.delivery.retry=3",
        "tta.router.delivery.backoff-delay=20ms",
        "tta.router.delivery.max-backoff=100ms",
        "tta.router.delivery.timeout=3s",
        "tta.router.delivery.breaker-minimum-calls=4",
        "tta.router.delivery.breaker-failure-rate=50",
        "tta.router.delivery.breaker-open-for=10m"})
class SubscriberFaultsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static WebhookReceiver receiver;

    @Autowired
    TopicCatalog topics;

    @Autowired
    SubscriptionTable table;

    @Autowired
    MeterRegistry meters;

    @Value("${tta.kafka.topic-prefix}")
    String prefix;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void opensTheBreakerOfADeadEndpointWhileAnotherSubscriberReceivesEverything() {
        receiver.script("/dead", r -> Answer.status(503));
        subscribe(RouterFixtures.aSubscription("sub-dead", receiver.url("/dead"), "bd-"));
        subscribe(RouterFixtures.aSubscription("sub-alive", receiver.url("/alive"), "ba-"));
        List<Map.Entry<String, CloudEvent>> batch = new ArrayList<>();
        List<CloudEvent> toDead = new ArrayList<>();
        List<CloudEvent> toAlive = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CloudEvent dead = event("bd-1");
            CloudEvent alive = event("ba-" + i);
            toDead.add(dead);
            toAlive.add(alive);
            batch.add(Map.entry("bd-1", dead));
            batch.add(Map.entry("ba-" + i, alive));
        }
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), batch);

        List<ConsumerRecord<String, byte[]>> letters = awaitLetters(ids(toDead));
        // One session, so one chain: the first event spends its 4 attempts and opens the breaker;
        // the other 9 are dead-lettered without a call.
        assertThat(receiver.received("/dead")).hasSize(4);
        ConsumerRecord<String, byte[]> first = byId(letters, toDead.getFirst().getId());
        assertThat(KafkaProbe.header(first, DeadLetterHeaders.ERROR)).isEqualTo("http-503");
        assertThat(KafkaProbe.header(first, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        for (CloudEvent rest : toDead.subList(1, toDead.size())) {
            ConsumerRecord<String, byte[]> letter = byId(letters, rest.getId());
            assertThat(KafkaProbe.header(letter, DeadLetterHeaders.ERROR)).isEqualTo("circuit-open");
            assertThat(KafkaProbe.header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
        }
        Awaitility.await().atMost(WAIT).until(() -> receiver.received("/alive").size() >= toAlive.size());

        // With the breaker open, later events reach the live subscriber and cost the dead one nothing.
        CloudEvent laterDead = event("bd-2");
        CloudEvent laterAlive = event("ba-later");
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS),
                List.of(Map.entry("bd-2", laterDead), Map.entry("ba-later", laterAlive)));
        assertThat(KafkaProbe.header(byId(awaitLetters(Set.of(laterDead.getId())), laterDead.getId()),
                DeadLetterHeaders.ERROR)).isEqualTo("circuit-open");
        Awaitility.await().atMost(WAIT).until(() -> receiver.received("/alive").size() >= toAlive.size() + 1);
        assertThat(receiver.received("/alive")).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(ids(List.of(toAlive, List.of(laterAlive)).stream()
                        .flatMap(List::stream).toList()));
        assertThat(receiver.received("/dead")).hasSize(4);
    }

    @Test
    void keepsRequestsInFlightToOneSubscriberUnderItsCap() {
        receiver.script("/capped", r -> Answer.OK.after(Duration.ofMillis(300)));
        subscribe(RouterFixtures.aSubscription("sub-capped", receiver.url("/capped"), "cc-",
                new SubscriptionConfig(SubscriptionConfig.UNORDERED, null, 2, null)));
        List<CloudEvent> events = IntStream.range(0, 8).mapToObj(i -> event("cc-" + i)).toList();
        send(events);

        Awaitility.await().atMost(WAIT).until(() -> receiver.received("/capped").size() >= events.size());
        assertThat(receiver.received("/capped")).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(receiver.maxInFlight("/capped")).isEqualTo(2);
    }

    @Test
    void spacesRequestsToOneSubscriberByItsRateLimit() {
        subscribe(RouterFixtures.aSubscription("sub-rated", receiver.url("/rated"), "rl-",
                new SubscriptionConfig(SubscriptionConfig.UNORDERED, null, 16, 4)));
        List<CloudEvent> events = IntStream.range(0, 13).mapToObj(i -> event("rl-" + i)).toList();
        send(events);

        Awaitility.await().atMost(WAIT).until(() -> receiver.received("/rated").size() >= events.size());
        List<WebhookReceiver.Received> requests = receiver.received("/rated");
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsExactlyInAnyOrderElementsOf(ids(events));
        List<Long> at = requests.stream().map(WebhookReceiver.Received::atNanos).sorted().toList();
        // 4 per second: any 9 consecutive requests need three periods, so they span more than a second
        // (less the receiver's own scheduling noise).
        for (int i = 0; i + 8 < at.size(); i++) {
            assertThat(Duration.ofNanos(at.get(i + 8) - at.get(i))).isGreaterThan(Duration.ofMillis(750));
        }
    }

    @Test
    void deliversOnceToASlowReceiverThatAnswersWithinTheTimeout() {
        receiver.script("/slow", r -> Answer.OK.after(Duration.ofMillis(1500)));
        subscribe(RouterFixtures.aSubscription("sub-slow", receiver.url("/slow"), "sl-",
                new SubscriptionConfig(null, new DeliveryPolicy(3, null, null, null, Duration.ofSeconds(5), null, null),
                        null, null)));
        CloudEvent event = event("sl-1");
        send(List.of(event));

        Awaitility.await().atMost(WAIT).until(() -> delivered("sub-slow") >= 1);
        assertThat(receiver.received("/slow")).extracting(r -> r.header("webhook-id")).containsExactly(event.getId());
        try (KafkaProbe dlq = probe(topics.name(TopicId.SESSION_EVENTS_DLQ))) {
            assertThat(dlq.pollFor(Duration.ofSeconds(2)))
                    .noneMatch(r -> event.getId().equals(KafkaProbe.header(r, "ce_id")));
        }
    }

    @Test
    void retriesAReceiverThatClosesTheSocketThenDeadLettersTheEvent() {
        receiver.script("/closes", r -> Answer.CLOSE);
        subscribe(RouterFixtures.aSubscription("sub-closes", receiver.url("/closes"), "cs-"));
        CloudEvent event = event("cs-1");
        send(List.of(event));

        ConsumerRecord<String, byte[]> letter = byId(awaitLetters(Set.of(event.getId())), event.getId());
        assertThat(KafkaProbe.header(letter, DeadLetterHeaders.SUBSCRIPTION)).isEqualTo("sub-closes");
        assertThat(KafkaProbe.header(letter, DeadLetterHeaders.ERROR)).isEqualTo("io-error");
        assertThat(KafkaProbe.header(letter, DeadLetterHeaders.STATUS)).isEqualTo("0");
        assertThat(KafkaProbe.header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(receiver.received("/closes")).hasSize(4).extracting(r -> r.header("webhook-id"))
                .containsOnly(event.getId());
    }

    @Test
    void dropsAnEventNoSubscriptionWantsWithAMetricAndKeepsThePartitionMoving() {
        String sink = prefix + "sink.unmatched.v1";
        subscribe(RouterFixtures.aSubscription("sub-after", "kafka://" + sink, "um-ok"));
        double before = unmatched();
        CloudEvent nobodys = RouterFixtures.anEvent("org.tta.test.nobody.v1", "um-1", "{}");
        CloudEvent wanted = event("um-ok");
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS),
                List.of(Map.entry("um-1", nobodys), Map.entry("um-1", wanted)));

        try (KafkaProbe out = probe(sink)) {
            assertThat(out.awaitRecords(1, WAIT)).extracting(r -> KafkaProbe.header(r, "ce_id"))
                    .containsExactly(wanted.getId());
        }
        assertThat(unmatched()).isGreaterThanOrEqualTo(before + 1);
        try (KafkaProbe dlq = probe(topics.name(TopicId.SESSION_EVENTS_DLQ))) {
            assertThat(dlq.pollFor(Duration.ofSeconds(2)))
                    .noneMatch(r -> nobodys.getId().equals(KafkaProbe.header(r, "ce_id")));
        }
    }

    private double unmatched() {
        Counter counter = meters.find("tta.router.unmatched").tag("topic", topics.name(TopicId.SESSION_EVENTS)).counter();
        return counter == null ? 0 : counter.count();
    }

    private double delivered(String subscription) {
        Counter counter = meters.find("tta.router.deliveries").tag("subscription", subscription).tag("sink", "webhook")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private List<ConsumerRecord<String, byte[]>> awaitLetters(Set<String> eventIds) {
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (KafkaProbe dlq = probe(topics.name(TopicId.SESSION_EVENTS_DLQ))) {
            Awaitility.await().atMost(WAIT).until(() -> {
                letters.addAll(dlq.pollFor(Duration.ofMillis(200)));
                return letters.stream().map(r -> KafkaProbe.header(r, "ce_id")).collect(Collectors.toSet())
                        .containsAll(eventIds);
            });
        }
        return letters;
    }

    private void subscribe(Subscription subscription) {
        RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS), subscription);
        Awaitility.await().atMost(WAIT).until(() -> table.get(subscription.id())
                .filter(route -> route.subscription().sink().equals(subscription.sink())).isPresent());
    }

    private void send(List<CloudEvent> events) {
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS),
                events.stream().map(e -> Map.entry(e.getSubject(), e)).toList());
    }

    private static CloudEvent event(String session) {
        return RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session, "{}");
    }

    private static Set<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getId).collect(Collectors.toSet());
    }

    private static KafkaProbe probe(String topic) {
        return KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topic);
    }

    private static ConsumerRecord<String, byte[]> byId(List<ConsumerRecord<String, byte[]>> records, String id) {
        return records.stream().filter(r -> id.equals(KafkaProbe.header(r, "ce_id"))).findFirst().orElseThrow();
    }
}
