package org.tta.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class KafkaEventPublisherTest {

    private final MockProducer<String, CloudEvent> producer =
            new MockProducer<>(false, null, new StringSerializer(), (topic, event) -> new byte[0]);
    private final Scheduler scheduler = Schedulers.newBoundedElastic(1, 10, "test-send");
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), scheduler, Duration.ofSeconds(5));

    @AfterEach
    void stopScheduler() {
        scheduler.dispose();
    }

    @Test
    void completesOnlyAfterTheBrokerAcknowledgedEveryRecord() {
        StepVerifier.create(publisher.publishAll(List.of(aRecord("a"), aRecord("b"))))
                .then(() -> awaitSent(2))
                .then(producer::completeNext)
                .expectNoEvent(Duration.ofMillis(200))
                .then(producer::completeNext)
                .assertNext(published -> assertThat(published).extracting(Published::topic).containsExactly("a", "b"))
                .verifyComplete();
    }

    @Test
    void failsAsBrokerUnavailableWhenAnyRecordIsNotAcknowledged() {
        StepVerifier.create(publisher.publishAll(List.of(aRecord("a"), aRecord("b"))))
                .then(() -> awaitSent(2))
                .then(producer::completeNext)
                .then(() -> producer.errorNext(new TimeoutException("expired")))
                .expectError(BrokerUnavailableException.class)
                .verify(Duration.ofSeconds(5));
    }

    private void awaitSent(int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() >= count);
    }

    private static ProducerRecord<String, CloudEvent> aRecord(String topic) {
        CloudEvent event = TtaCloudEvents.create(EventIds.newId(), EventTypes.SESSION_MESSAGE, URI.create("urn:test"),
                "s-1", OffsetDateTime.now(), "{\"text\":\"hi\"}".getBytes());
        return TtaCloudEvents.toRecord(topic, "s-1", event);
    }
}
