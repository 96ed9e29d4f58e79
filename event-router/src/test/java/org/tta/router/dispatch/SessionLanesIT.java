package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
import org.tta.testkit.TtaIntegrationTest;

/**
 * A failing session holds back only itself (issue 6 point 7): on a one-partition input, sessions
 * share the partition, so only lanes (not a batch barrier) let another session's later events
 * through while one session's event is being retried; order within a session holds under retries;
 * a lane that queues {@code max-queued-per-session} jobs pauses the partition until it drains.
 * The retry budget of the failing session (100 retries 1 to 2 s apart) outlasts every wait here:
 * its event succeeds only when the test lets it.
 */
@TtaIntegrationTest
@SpringBootTest(properties = {
        "spring.config.name=event-router",
        "tta.kafka.partitions=1",
        "tta.router.allow-http=LOOPBACK",
        "tta.router.group-id=${tta.kafka.topic-prefix}event-router",
        "tta.router.max-queued-per-session=4",
        "tta.router.delivery.breaker-minimum-calls=100000"})
class SessionLanesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static WebhookReceiver receiver;

    @Autowired
    TopicCatalog topics;

    @Autowired
    SubscriptionTable table;

    @Autowired
    MeterRegistry meters;

    private final List<AtomicBoolean> gates = new ArrayList<>();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Lets every failing session through, so a test that failed does not hold back the next one. */
    @AfterEach
    void acceptEverySession() {
        gates.forEach(gate -> gate.set(true));
    }

    @Test
    void deliversAnotherSessionsLaterEventsWhileOneSessionIsStillRetrying() {
        AtomicBoolean accept = new AtomicBoolean(false);
        AtomicInteger accepted = subscribeFailingSession("sub-proceed", "/proceed", "pr-", "pr-stuck", accept);
        CloudEvent stuck = send("pr-stuck").getFirst();
        awaitAttempt("/proceed", stuck);

        // Polled after the stuck event's poll: with a batch barrier they would wait for its retries to end.
        List<CloudEvent> others = send("pr-free", "pr-free", "pr-free");
        Awaitility.await().atMost(WAIT).until(() -> ids("/proceed").containsAll(ids(others)));
        long lastOther = receiver.received("/proceed").stream().filter(r -> !stuck.getId().equals(r.header("webhook-id")))
                .mapToLong(WebhookReceiver.Received::atNanos).max().orElseThrow();
        // Still retrying after the other session was served: it was not dead-lettered nor given up.
        Awaitility.await().atMost(WAIT).until(() -> receiver.received("/proceed").stream()
                .anyMatch(r -> stuck.getId().equals(r.header("webhook-id")) && r.atNanos() > lastOther));

        accept.set(true);
        Awaitility.await().atMost(WAIT).until(() -> accepted.get() == 1);
        assertThat(ids("/proceed")).filteredOn(id -> !id.equals(stuck.getId())).containsExactlyElementsOf(ids(others));
    }

    @Test
    void keepsOneSessionsOrderUnderRetriesWhileAnotherSessionProceeds() {
        AtomicBoolean accept = new AtomicBoolean(false);
        subscribeFailingSession("sub-order", "/order", "od-", "od-a", accept);
        CloudEvent a1 = send("od-a").getFirst();
        awaitAttempt("/order", a1);

        List<CloudEvent> later = send("od-a", "od-b", "od-a", "od-b");
        CloudEvent a2 = later.get(0);
        CloudEvent b1 = later.get(1);
        CloudEvent a3 = later.get(2);
        CloudEvent b2 = later.get(3);
        Awaitility.await().atMost(WAIT).until(() -> ids("/order").containsAll(List.of(b1.getId(), b2.getId())));
        assertThat(ids("/order")).as("a2 and a3 wait behind a1 in their lane").doesNotContain(a2.getId(), a3.getId());

        accept.set(true);
        Awaitility.await().atMost(WAIT).until(() -> ids("/order").containsAll(List.of(a2.getId(), a3.getId())));
        List<String> sessionA = ids("/order").stream().filter(id -> !id.equals(b1.getId()) && !id.equals(b2.getId()))
                .toList();
        assertThat(sessionA.subList(0, sessionA.size() - 2)).containsOnly(a1.getId());
        assertThat(sessionA.subList(sessionA.size() - 2, sessionA.size())).containsExactly(a2.getId(), a3.getId());
        assertThat(ids("/order")).filteredOn(id -> id.equals(b1.getId()) || id.equals(b2.getId()))
                .containsExactly(b1.getId(), b2.getId());
    }

    @Test
    void pausesThePartitionWhileASessionQueuesTooManyJobsAndResumesItOnceTheyDrain() {
        AtomicBoolean accept = new AtomicBoolean(false);
        subscribeFailingSession("sub-bound", "/bound", "bo-", "bo-p", accept);
        CloudEvent p1 = send("bo-p").getFirst();
        awaitAttempt("/bound", p1);

        // Six jobs in one lane, over max-queued-per-session=4: the partition is paused.
        List<CloudEvent> queued = send("bo-p", "bo-p", "bo-p", "bo-p", "bo-p");
        Awaitility.await().atMost(WAIT).until(() -> gauge("tta.router.partitions.paused") == 1);
        double held = gauge("tta.router.records.pending");
        assertThat(held).isGreaterThanOrEqualTo(4);

        // While paused, another session's event is not even read: nothing more is held, nothing reaches it.
        CloudEvent other = send("bo-q").getFirst();
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() ->
                gauge("tta.router.partitions.paused") == 1 && gauge("tta.router.records.pending") == held
                        && !ids("/bound").contains(other.getId()));

        accept.set(true);
        Awaitility.await().atMost(WAIT).until(() -> ids("/bound").contains(other.getId()));
        Awaitility.await().atMost(WAIT).until(() -> gauge("tta.router.partitions.paused") == 0
                && gauge("tta.router.records.pending") == 0);
        List<String> sessionP = ids("/bound").stream().filter(id -> !id.equals(other.getId()) && !id.equals(p1.getId()))
                .toList();
        assertThat(sessionP).containsExactlyElementsOf(ids(queued));
    }

    /**
     * A webhook subscription whose receiver refuses {@code failingSession} (503) until {@code accept} is set;
     * returns the count of that session's requests answered 204.
     */
    private AtomicInteger subscribeFailingSession(String id, String path, String prefix, String failingSession,
            AtomicBoolean accept) {
        gates.add(accept);
        AtomicInteger accepted = new AtomicInteger();
        receiver.script(path, r -> {
            if (!failingSession.equals(r.header("ce-subject"))) {
                return Answer.OK;
            }
            if (!accept.get()) {
                return Answer.status(503);
            }
            accepted.incrementAndGet();
            return Answer.OK;
        });
        Subscription subscription = RouterFixtures.aSubscription(id, receiver.url(path), prefix,
                new SubscriptionConfig(null, new DeliveryPolicy(100, DeliveryPolicy.LINEAR, Duration.ofSeconds(2),
                        Duration.ofSeconds(2), Duration.ofSeconds(5), null, null), null, null));
        RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS), subscription);
        Awaitility.await().atMost(WAIT).until(() -> table.get(id).isPresent());
        return accepted;
    }

    /** One event per session given, in one transaction, in this order. */
    private List<CloudEvent> send(String... sessions) {
        List<Map.Entry<String, CloudEvent>> events = new ArrayList<>();
        for (String session : sessions) {
            events.add(Map.entry(session, RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session, "{}")));
        }
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), events);
        return events.stream().map(Map.Entry::getValue).toList();
    }

    private static void awaitAttempt(String path, CloudEvent event) {
        Awaitility.await().atMost(WAIT).until(() -> ids(path).contains(event.getId()));
    }

    /** The webhook-ids received on {@code path}, in arrival order, retries included. */
    private static List<String> ids(String path) {
        return receiver.received(path).stream().map(r -> r.header("webhook-id")).toList();
    }

    private static List<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getId).toList();
    }

    private double gauge(String name) {
        Gauge gauge = meters.find(name).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
