package org.tta.router.dispatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.platform.tracing.RecordTracing;
import org.tta.router.deadletter.DeadLetterHeaders;
import org.tta.router.safety.EscalationRoute;
import org.tta.router.safety.SupportiveNotices;
import org.tta.router.subscription.BuiltInRoutes;
import org.tta.router.subscription.Route;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.router.webhook.WebhookFailure;
import org.tta.router.webhook.WebhookJob;
import org.tta.schemas.subscription.SubscriptionRules;

/**
 * Routes one consumed record: {@code decode -> match -> Kafka outputs + webhook jobs}. A record that
 * is not a readable CloudEvent (or has no key) is a poison pill: its only output is a copy in the
 * source's dead-letter topic. Not thread-safe: the routing loop owns it.
 */
final class RecordRouter {

    private static final Logger log = LoggerFactory.getLogger(RecordRouter.class);

    /** What routing one record produced: outputs held for its transaction, and the webhook jobs to run. */
    record Routed(List<ProducerRecord<String, byte[]>> outputs, List<WebhookJob> jobs) {
    }

    private final RouterLoop.Topics topics;
    private final SubscriptionTable table;
    private final SupportiveNotices notices;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final RecordTracing tracing;
    private final OutputRecords outputs;

    RecordRouter(RouterLoop.Topics topics, SubscriptionTable table, SupportiveNotices notices, DeliveryMetrics metrics,
            Clock clock, RecordTracing tracing) {
        this.topics = topics;
        this.table = table;
        this.notices = notices;
        this.metrics = metrics;
        this.clock = clock;
        this.tracing = tracing;
        this.outputs = new OutputRecords(tracing);
    }

    Routed route(ConsumerRecord<String, byte[]> record) {
        // One span per record, child of the producer's traceparent; outputs built while it is current carry it on.
        Span span = tracing.consume("tta.router.route", record.topic(), record.headers());
        try (Tracer.SpanInScope ignored = tracing.scope(span)) {
            return onRecord(record);
        } finally {
            span.end();
        }
    }

    private Routed onRecord(ConsumerRecord<String, byte[]> record) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(2);
        List<WebhookJob> jobs = new ArrayList<>(1);
        boolean escalation = record.topic().equals(topics.escalations());
        CloudEvent event;
        try {
            event = decode(record);
        } catch (RuntimeException e) {
            out.add(poison(record, e));
            return new Routed(out, jobs);
        }
        String key = record.key();
        List<Route> routes = table.match(escalation ? Route.Input.ESCALATIONS : Route.Input.SESSION_EVENTS, event);
        boolean routed = !routes.isEmpty();
        if (escalation) {
            routed |= notice(out, key, event);
        }
        if (!routed) {
            metrics.unmatched(record.topic());
            return new Routed(out, jobs);
        }
        if (escalation && reviewSentToOnCall(routes, event)) {
            metrics.reviewToOnCall();
        }
        for (Route route : routes) {
            switch (route.sinkKind()) {
                case KAFKA -> {
                    out.add(outputs.event(route.kafkaTopic(), key, event));
                    metrics.delivered(route.id(), "kafka");
                }
                case PARTICIPANTS -> {
                    out.add(outputs.event(topics.deliveries(), key, event));
                    metrics.delivered(route.id(), "participants");
                }
                case WEBHOOK -> jobs.add(new WebhookJob(route, key, event, tracing.currentTraceparent()));
            }
        }
        return new Routed(out, jobs);
    }

    /** A review step on the on-call route: only while no review sink is configured (see BuiltInRoutes#onCall). */
    private static boolean reviewSentToOnCall(List<Route> routes, CloudEvent escalation) {
        return routes.stream().anyMatch(r -> BuiltInRoutes.ON_CALL.equals(r.id())) && EscalationRoute.isReview(escalation);
    }

    private boolean notice(List<ProducerRecord<String, byte[]>> out, String key, CloudEvent escalation) {
        try {
            return notices.forEscalation(key, escalation).map(notice -> {
                out.add(outputs.event(topics.deliveries(), key, notice));
                metrics.delivered("session-participants", "notice");
                return true;
            }).orElse(false);
        } catch (RuntimeException e) {
            // The on-call delivery matters more than the notice: never dead-letter the escalation for it.
            log.warn("No supportive notice for escalation eventId={} error={}", escalation.getId(),
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private static CloudEvent decode(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            throw new IllegalArgumentException("record without key or value");
        }
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            CloudEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
            if (event == null) {
                throw new IllegalArgumentException("not a CloudEvent");
            }
            return event;
        }
    }

    private ProducerRecord<String, byte[]> poison(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        String dlq = dlqOf(record.topic());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.add(headers, null, -1, 0, "unreadable", record.topic(), record.partition(), record.offset(),
                clock.instant());
        metrics.poison(record.topic());
        metrics.deadLettered(dlq, "unreadable");
        log.warn("Poison record dead-lettered topic={} partition={} offset={} error={}", record.topic(),
                record.partition(), record.offset(), e.getClass().getSimpleName());
        return new ProducerRecord<>(dlq, null, record.key(), record.value(), headers);
    }

    /** The dead letter of a webhook job that failed for good, for the record it came from. */
    ProducerRecord<String, byte[]> deadLetter(PendingRecord origin, WebhookFailure failure) {
        String sink = failure.job().route().subscription().config().delivery() == null ? null
                : failure.job().route().subscription().config().delivery().deadLetterSink();
        String topic = sink != null ? SubscriptionRules.kafkaTopic(sink) : dlqOf(origin.partition().topic());
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.add(headers, failure.job().route().id(), failure.status(), failure.attempts(),
                failure.error(), origin.partition().topic(), origin.partition().partition(), origin.offset(),
                clock.instant());
        metrics.deadLettered(topic, failure.error());
        return outputs.record(topic, origin.key(), failure.job().event(), headers);
    }

    private String dlqOf(String topic) {
        return topic.equals(topics.escalations()) ? topics.escalationsDlq() : topics.sessionEventsDlq();
    }
}
