package org.tta.gateway.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.realtime.delivery.cache.HistoryCache;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.LogCapture;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TtaIntegrationTest;
import reactor.core.publisher.Mono;

/**
 * A normal stop of the live-delivery fan-out, against a real broker: its thread ends on its own, nothing escapes
 * it uncaught and nothing is logged as an error or warning.
 */
@TtaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryFanoutShutdownIT {

    @RegisterExtension
    final LogCapture logs = LogCapture.of(DeliveryFanout.class);
    private DeliveryConsumers consumers;

    @BeforeAll
    void deliveriesTopic() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String bootstrap = infrastructure.kafkaBootstrapServers();
        TopicCatalog topics = TopicCatalog.standard().withPrefix(infrastructure.namespaceFor(getClass()).topicPrefix());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.name(TopicId.DELIVERIES), 3, (short) 1))).all().get();
        }
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(bootstrap));
        consumers = new DeliveryConsumers(kafka, topics);
    }

    // A few rounds: the stop may find the thread in a poll, between polls or handing a chunk over.
    @RepeatedTest(3)
    void stopsWhilePollingWithoutAnUncaughtExceptionOrAnErrorLog() {
        DeliveryFanout fanout = new DeliveryFanout(consumers, new SessionHub(), new NoCache(), new SimpleMeterRegistry());
        Set<Thread> others = fanoutThreads();
        fanout.start();
        Thread worker = theOneNewFanoutThread(others);
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        worker.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));

        fanout.stop();

        assertThat(worker.isAlive()).as("fan-out thread still running after stop").isFalse();
        assertThat(fanout.isRunning()).isFalse();
        assertThat(uncaught).as("exceptions that escaped the fan-out thread").isEmpty();
        assertThat(logs.atLeast(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    /** Other tests' gateways (cached Spring contexts) may run fan-outs of their own in this JVM. */
    private static Set<Thread> fanoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("realtime-fanout") && t.isAlive()).collect(Collectors.toSet());
    }

    private static Thread theOneNewFanoutThread(Set<Thread> others) {
        Set<Thread> started = fanoutThreads();
        started.removeAll(others);
        assertThat(started).as("fan-out threads this test started").hasSize(1);
        return started.iterator().next();
    }

    /** The fan-out's chunks are not this test's concern. */
    private static final class NoCache implements HistoryCache {

        @Override
        public void consumed(Chunk chunk) {
        }

        @Override
        public Mono<Optional<List<Delivery>>> after(String sessionId, Position since, long liveFrom) {
            return Mono.just(Optional.empty());
        }
    }
}
