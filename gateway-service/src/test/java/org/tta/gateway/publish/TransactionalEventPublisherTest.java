package org.tta.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.ProducerFactory;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class TransactionalEventPublisherTest {

    private static final String POISON = "poison";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<MockProducer<String, CloudEvent>> producers = new CopyOnWriteArrayList<>();
    /** Runs when a transaction begins: a test can hold a committer there, with its batch claimed. */
    private Runnable onBegin = () -> { };
    private Consumer<MockProducer<String, CloudEvent>> configure = p -> { };
    private TransactionalEventPublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.stop();
        }
    }

    @Test
    void groupsConcurrentRequestsIntoOneTransaction() {
        start(settings(100, 6, Duration.ofSeconds(5)), WAIT);

        StepVerifier.create(Mono.zip(publisher.publishAll(threeRecords("a")), publisher.publishAll(threeRecords("b"))))
                .assertNext(both -> {
                    assertThat(both.getT1()).hasSize(3);
                    assertThat(both.getT2()).hasSize(3);
                })
                .verifyComplete();

        MockProducer<String, CloudEvent> producer = producers.get(0);
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactlyInAnyOrder("a", "a", "a", "b", "b", "b");
        assertThat(meters.get("tta.gateway.publish.batch.requests").summary().max()).isEqualTo(2);
    }

    @Test
    void abortsTheWholeBatchAndFailsEveryRequestOfItWhenOneRecordFails() {
        start(settings(100, 9, Duration.ofSeconds(5)), WAIT);

        Mono<Throwable> first = failureOf(publisher.publishAll(threeRecords("a")));
        Mono<Throwable> poisoned = failureOf(publisher.publishAll(List.of(aRecord("b"), aRecord(POISON), aRecord("b"))));
        Mono<Throwable> third = failureOf(publisher.publishAll(threeRecords("c")));

        StepVerifier.create(Mono.zip(first, poisoned, third))
                .assertNext(errors -> {
                    assertThat(errors.getT1()).isInstanceOf(BrokerUnavailableException.class)
                            .isNotInstanceOf(PublishOutcomeUnknownException.class);
                    assertThat(errors.getT2()).isInstanceOf(SerializationException.class);
                    assertThat(errors.getT3()).isInstanceOf(BrokerUnavailableException.class)
                            .isNotInstanceOf(PublishOutcomeUnknownException.class);
                })
                .verifyComplete();
        MockProducer<String, CloudEvent> producer = producers.get(0);
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(meters.counter("tta.gateway.publish.aborts", "cause", "SerializationException").count()).isEqualTo(1);

        // The producer survives an aborted batch; the next one commits.
        StepVerifier.create(publisher.publishAll(List.of(aRecord("d"), aRecord("d"), aRecord("d"), aRecord("d"),
                        aRecord("d"), aRecord("d"), aRecord("d"), aRecord("d"), aRecord("d"))))
                .expectNextCount(1).verifyComplete();
        assertThat(producers).hasSize(1);
        assertThat(producer.history()).hasSize(9);
    }

    @Test
    void shedsARequestAtOnceWhenTheQueueIsFull() throws InterruptedException {
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        onBegin = () -> {
            begun.countDown();
            awaitQuietly(release);
        };
        start(new PublishProperties(2, 1, 500, Duration.ZERO, "test-", breakerSettings(20)), WAIT);

        Mono<List<Published>> claimed = publisher.publishAll(threeRecords("a")).cache();
        claimed.subscribe(ok -> { }, error -> { });
        assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();
        Mono<List<Published>> queued = publisher.publishAll(threeRecords("b")).cache();
        queued.subscribe(ok -> { }, error -> { });
        Mono<List<Published>> alsoQueued = publisher.publishAll(threeRecords("c")).cache();
        alsoQueued.subscribe(ok -> { }, error -> { });
        await().atMost(WAIT).until(() -> publisher.utilization() == 1.0);

        StepVerifier.create(publisher.publishAll(threeRecords("d")))
                .expectError(PublishOverloadedException.class)
                .verify(WAIT);
        assertThat(meters.counter("tta.gateway.publish.rejections", "reason", "queue-full").count()).isEqualTo(1);

        release.countDown();
        StepVerifier.create(Mono.zip(claimed, queued, alsoQueued)).expectNextCount(1).verifyComplete();
        assertThat(producers.get(0).history()).extracting(ProducerRecord::key).doesNotContain("d");
    }

    @Test
    void neverWritesARequestThatTimedOutWhileQueued() throws InterruptedException {
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        onBegin = () -> {
            begun.countDown();
            awaitQuietly(release);
        };
        start(settings(100, 500, Duration.ZERO), Duration.ofMillis(300));

        publisher.publishAll(threeRecords("claimed")).subscribe(ok -> { }, error -> { });
        assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();
        StepVerifier.create(publisher.publishAll(threeRecords("expired")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BrokerUnavailableException.class)
                        .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class))
                .verify(WAIT);

        release.countDown();
        StepVerifier.create(publisher.publishAll(threeRecords("later"))).expectNextCount(1).verifyComplete();
        assertThat(producers.get(0).history()).extracting(ProducerRecord::key)
                .contains("claimed", "later").doesNotContain("expired");
        assertThat(meters.counter("tta.gateway.publish.skipped").count()).isEqualTo(1);
    }

    @Test
    void failsFastWithTheBreakerStateOnceRepeatedFailuresOpenedTheCircuit() {
        configure = p -> p.commitTransactionException = new TimeoutException("no coordinator");
        start(new PublishProperties(100, 1, 500, Duration.ZERO, "test-", breakerSettings(2)), WAIT);

        for (int i = 0; i < 2; i++) {
            StepVerifier.create(publisher.publishAll(threeRecords("s"))).expectError(BrokerUnavailableException.class).verify(WAIT);
        }
        int producersBefore = producers.size();

        StepVerifier.create(publisher.publishAll(threeRecords("s")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BrokerUnavailableException.class)
                        .extracting(e -> ((BrokerUnavailableException) e).circuitBreakerState()).isEqualTo("open"))
                .verify(WAIT);
        assertThat(producers).hasSize(producersBefore);
        assertThat(publisher.utilization()).isEqualTo(1.0);
        assertThat(meters.counter("tta.gateway.publish.rejections", "reason", "circuit-open").count()).isEqualTo(1);
    }

    @Test
    void reportsAFailedCommitAsAWriteThatMayStillHaveCommitted() {
        configure = p -> p.commitTransactionException = new TimeoutException("no answer from the coordinator");
        start(settings(100, 500, Duration.ZERO), WAIT);

        StepVerifier.create(publisher.publishAll(threeRecords("s")))
                .expectError(PublishOutcomeUnknownException.class).verify(WAIT);
    }

    @Test
    void stampsTheRecordsOfAGuardedCallWithTheIdempotencyHeader() {
        start(settings(100, 500, Duration.ZERO), WAIT);

        StepVerifier.create(publisher.publishAll(threeRecords("s")).contextWrite(IdempotencyHeader.context("t1")))
                .expectNextCount(1).verifyComplete();

        assertThat(producers.get(0).history()).extracting(r -> IdempotencyHeader.indexOf(
                r.headers().lastHeader(IdempotencyHeader.NAME), "t1")).containsExactly(0, 1, 2);
    }

    @Test
    void replacesAFencedProducerWithANewOne() {
        configure = p -> {
            if (producers.size() == 1) {
                p.fenceProducer();
            }
        };
        start(settings(100, 500, Duration.ZERO), WAIT);

        StepVerifier.create(publisher.publishAll(threeRecords("s"))).expectError(BrokerUnavailableException.class).verify(WAIT);
        StepVerifier.create(publisher.publishAll(threeRecords("s"))).expectNextCount(1).verifyComplete();

        assertThat(producers).hasSize(2);
        assertThat(producers.get(1).history()).hasSize(3);
        assertThat(meters.counter("tta.gateway.publish.producer.restarts").count()).isEqualTo(1);
    }

    @Test
    void answersCallersOffTheCommitterThread() {
        start(settings(100, 500, Duration.ZERO), WAIT);

        StepVerifier.create(publisher.publishAll(threeRecords("s")).map(published -> Thread.currentThread().getName()))
                .assertNext(thread -> assertThat(thread).doesNotStartWith("tta-publish-committer"))
                .verifyComplete();
    }

    private void start(PublishProperties settings, Duration timeout) {
        ProducerFactory<String, CloudEvent> factory = () -> {
            MockProducer<String, CloudEvent> producer = new MockProducer<>(true, null, new StringSerializer(), poisonAware()) {
                @Override
                public void beginTransaction() {
                    onBegin.run();
                    super.beginTransaction();
                }
            };
            producer.initTransactions();
            producers.add(producer);
            configure.accept(producer);
            return producer;
        };
        publisher = new TransactionalEventPublisher(factory, settings, timeout,
                PublishCircuitBreaker.create(settings.breaker(), meters), Schedulers.parallel(), meters);
        publisher.start();
    }

    private static PublishProperties settings(int capacity, int maxBatchRecords, Duration linger) {
        return new PublishProperties(capacity, 1, maxBatchRecords, linger, "test-", breakerSettings(100));
    }

    private static PublishProperties.Breaker breakerSettings(int calls) {
        return new PublishProperties.Breaker(50, calls, calls, Duration.ofMinutes(1), 1);
    }

    private static Serializer<CloudEvent> poisonAware() {
        return (topic, event) -> {
            if (POISON.equals(event.getSubject())) {
                throw new SerializationException("cannot serialize");
            }
            return new byte[0];
        };
    }

    private static Mono<Throwable> failureOf(Mono<?> publish) {
        return publish.<Throwable>map(ok -> new AssertionError("expected a failure")).onErrorResume(Mono::just);
    }

    private static List<ProducerRecord<String, CloudEvent>> threeRecords(String key) {
        List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>();
        for (String topic : List.of("events", "scans", "audit")) {
            records.add(aRecord(topic, key));
        }
        return records;
    }

    private static ProducerRecord<String, CloudEvent> aRecord(String key) {
        return aRecord("events", key);
    }

    private static ProducerRecord<String, CloudEvent> aRecord(String topic, String key) {
        CloudEvent event = TtaCloudEvents.create(EventIds.newId(), EventTypes.SESSION_MESSAGE, URI.create("urn:test"),
                key, OffsetDateTime.now(), "{\"text\":\"hi\"}".getBytes());
        return TtaCloudEvents.toRecord(topic, key, event);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
