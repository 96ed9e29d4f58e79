package org.tta.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.TtaIntegrationTest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Atomicity against a real broker: a batch whose transaction is aborted after all its records
 * reached the broker is invisible to {@code read_committed} readers, though a
 * {@code read_uncommitted} reader sees it was written; the next batch commits.
 */
@TtaIntegrationTest
class GroupCommitAtomicityIT {

    private static final String POISON = "poison";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TransactionalEventPublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.stop();
        }
    }

    @Test
    void anAbortedBatchIsInvisibleToReadCommittedReadersAndTheNextBatchCommits(TestInfrastructure infrastructure,
                                                                              TestNamespace namespace) {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        String[] topics = {namespace.topic("events"), namespace.topic("scans"), namespace.topic("audit")};
        KafkaFixtures.createTopics(bootstrap, 1, topics);
        DefaultKafkaProducerFactory<String, CloudEvent> base = KafkaFixtures.producerFactory(bootstrap);
        base.addPostProcessor(GroupCommitAtomicityIT::failFlushAfterPoison);
        // Three requests of three records fill a batch exactly; the long linger makes the count close it.
        PublishProperties settings = new PublishProperties(100, 1, 9, Duration.ofSeconds(1), "atomicity-",
                new PublishProperties.Breaker(50, 100, 100, Duration.ofSeconds(5), 1));
        publisher = new TransactionalEventPublisher(TransactionalProducers.from(base, settings.transactionalIdPrefix(), 1), settings,
                WAIT, PublishCircuitBreaker.create(settings.breaker(), new SimpleMeterRegistry()), Schedulers.parallel(),
                new SimpleMeterRegistry());
        publisher.start();

        List<List<ProducerRecord<String, CloudEvent>>> aborted = List.of(
                request(topics, "s1", "s1"), request(topics, "s2", POISON), request(topics, "s3", "s3"));
        StepVerifier.create(Mono.zip(failureOf(aborted.get(0)), failureOf(aborted.get(1)), failureOf(aborted.get(2))))
                .assertNext(errors -> assertThat(List.of(errors.getT1(), errors.getT2(), errors.getT3()))
                        .allSatisfy(error -> assertThat(error).isInstanceOf(BrokerUnavailableException.class)))
                .verifyComplete();

        List<List<ProducerRecord<String, CloudEvent>>> committed = List.of(
                request(topics, "s1", "s1"), request(topics, "s2", "s2"), request(topics, "s3", "s3"));
        StepVerifier.create(Mono.zip(publisher.publishAll(committed.get(0)), publisher.publishAll(committed.get(1)),
                        publisher.publishAll(committed.get(2))))
                .expectNextCount(1).verifyComplete();

        Set<String> abortedIds = ids(aborted);
        Set<String> committedIds = ids(committed);
        List<String> readCommitted = ceIds(KafkaFixtures.readAll(bootstrap, "read_committed", 9, WAIT, topics));
        assertThat(readCommitted).containsExactlyInAnyOrderElementsOf(committedIds).doesNotContainAnyElementsOf(abortedIds);

        List<String> readUncommitted = ceIds(KafkaFixtures.readAll(bootstrap, "read_uncommitted", 18, WAIT, topics));
        assertThat(readUncommitted).containsAll(abortedIds).containsAll(committedIds).hasSize(18);
    }

    private Mono<Throwable> failureOf(List<ProducerRecord<String, CloudEvent>> records) {
        return publisher.publishAll(records).<Throwable>map(ok -> new AssertionError("expected a failure"))
                .onErrorResume(Mono::just);
    }

    /** One request's three records (event, scan, audit) keyed by the session; the subject marks the poison. */
    private static List<ProducerRecord<String, CloudEvent>> request(String[] topics, String session, String subject) {
        List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>();
        for (String topic : topics) {
            records.add(KafkaFixtures.record(topic, session, subject, 100));
        }
        return records;
    }

    private static Set<String> ids(List<List<ProducerRecord<String, CloudEvent>>> requests) {
        return requests.stream().flatMap(List::stream).map(r -> r.value().getId()).collect(Collectors.toSet());
    }

    private static List<String> ceIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> KafkaFixtures.header(r, "ce_id")).toList();
    }

    /**
     * Wraps the real producer: once a poison record was sent in the current transaction, flush
     * first lets every record reach the broker, then fails, so the publisher must abort a
     * transaction whose records are already in the log.
     */
    @SuppressWarnings("unchecked")
    private static Producer<String, CloudEvent> failFlushAfterPoison(Producer<String, CloudEvent> delegate) {
        boolean[] poisoned = {false};
        return (Producer<String, CloudEvent>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("beginTransaction")) {
                        poisoned[0] = false;
                    }
                    if (method.getName().equals("send") && args[0] instanceof ProducerRecord<?, ?> record
                            && record.value() instanceof CloudEvent event && POISON.equals(event.getSubject())) {
                        poisoned[0] = true;
                    }
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("flush") && poisoned[0]) {
                        throw new KafkaException("Injected failure after the batch reached the broker");
                    }
                    return result;
                });
    }
}
