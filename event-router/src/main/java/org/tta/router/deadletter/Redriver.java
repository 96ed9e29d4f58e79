package org.tta.router.deadletter;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.tta.router.subscription.Route;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.router.webhook.WebhookDispatcher;
import org.tta.router.webhook.WebhookFailure;
import org.tta.router.webhook.WebhookJob;

/**
 * Redelivers dead letters to the subscription they failed for, with its current sink and policy,
 * oldest first (so one session's letters keep their order). What fails again is dead-lettered
 * again with fresh error headers (a new pending letter). The dead-letter topics are append-only:
 * once every taken letter was delivered or dead-lettered afresh, a redrive marker per letter takes
 * it off the pending list, and the audit trail records the redrive. Redrive is at least once, not
 * transactional: a crash before the markers are written leaves the letters pending, and a later
 * redrive delivers them again with the same {@code webhook-id} (the event id).
 */
public final class Redriver {

    /** Names one dead letter. */
    public record Coordinates(String topic, int partition, long offset) {
    }

    /**
     * @param redriven letters taken
     * @param failed   letters that failed again (dead-lettered again)
     * @param letters  the letters taken
     */
    public record Result(int redriven, int failed, List<ConsumerRecord<String, byte[]>> letters) {
    }

    private final SubscriptionTable table;
    private final DeadLetterStore store;
    private final WebhookDispatcher webhooks;
    private final KafkaProducer<String, byte[]> producer;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public Redriver(SubscriptionTable table, DeadLetterStore store, WebhookDispatcher webhooks,
            KafkaProducer<String, byte[]> producer, DeliveryMetrics metrics, Clock clock) {
        this.table = table;
        this.store = store;
        this.webhooks = webhooks;
        this.producer = producer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Empty when no subscription has this id. Blocking; call it off the event loop. */
    public Optional<Result> redrive(String subscription, List<Coordinates> selection, int limit) throws Exception {
        Optional<Route> found = table.get(subscription);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Route route = found.get();
        List<ConsumerRecord<String, byte[]>> letters = store.find(subscription, selection == null ? limit : Integer.MAX_VALUE)
                .stream().filter(r -> selection == null || selection.contains(
                        new Coordinates(r.topic(), r.partition(), r.offset()))).limit(limit).toList();
        List<WebhookJob> jobs = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> origins = new ArrayList<>();
        int failed = 0;
        for (ConsumerRecord<String, byte[]> letter : letters) {
            CloudEvent event = decode(letter);
            if (route.sinkKind() == Route.SinkKind.WEBHOOK) {
                jobs.add(new WebhookJob(route, letter.key(), event));
                origins.add(letter);
            } else {
                send(route.kafkaTopic(), letter.key(), event, new RecordHeaders());
                metrics.delivered(route.id(), "redrive");
            }
        }
        List<WebhookFailure> failures = webhooks.deliver(jobs);
        for (WebhookFailure failure : failures) {
            ConsumerRecord<String, byte[]> letter = origins.get(jobs.indexOf(failure.job()));
            RecordHeaders headers = new RecordHeaders();
            DeadLetterHeaders.add(headers, subscription, failure.status(), failure.attempts(), failure.error(),
                    DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC),
                    (int) number(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_PARTITION)),
                    number(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET)), clock.instant());
            send(letter.topic(), letter.key(), failure.job().event(), headers);
            failed++;
        }
        // Only now, after each letter was delivered or dead-lettered afresh: a crash before this
        // point redrives the letters again next time (at least once, with the same webhook-id).
        Instant now = clock.instant();
        for (ConsumerRecord<String, byte[]> letter : letters) {
            producer.send(DeadLetterStore.redrivenMarker(letter, now)).get(10, TimeUnit.SECONDS);
        }
        return Optional.of(new Result(letters.size(), failed, letters));
    }

    private void send(String topic, String key, CloudEvent event, RecordHeaders headers) throws Exception {
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
            byte[] value = serializer.serialize(topic, headers, event);
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(10, TimeUnit.SECONDS);
        }
    }

    private static long number(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static CloudEvent decode(ConsumerRecord<String, byte[]> letter) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return deserializer.deserialize(letter.topic(), letter.headers(), letter.value());
        }
    }
}
