package org.tta.gateway.safety;

import java.time.Duration;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.tta.gateway.ratelimit.EscalationRegistry;
import org.tta.schemas.events.EventTypes;

/**
 * Keeps the registry of sessions with an open escalation in step with {@code tta.safety.escalations.v1},
 * so that a session in crisis gets the clinical rate-limit class on every gateway instance. A registry
 * write that fails is retried (the container's error handler re-seeks); the offset moves only after it.
 */
class OpenEscalationsListener {

    static final String LISTENER_ID = "gateway-open-escalations";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final EscalationRegistry registry;
    private final MeterRegistry meters;

    OpenEscalationsListener(EscalationRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
    }

    @KafkaListener(id = LISTENER_ID, containerFactory = OpenEscalationsConfig.CONTAINER_FACTORY,
            groupId = "${tta.gateway.open-escalations.group-id:gateway-open-escalations}",
            topics = "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).SAFETY_ESCALATIONS)}")
    void onEscalation(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null || !EventTypes.SAFETY_ESCALATION.equals(event.getType()) || event.getData() == null) {
            count("ignored");
            return;
        }
        EscalationChange.of(record.key(), event.getData().toBytes()).ifPresentOrElse(change -> {
            (change.open() ? registry.markOpen(change.sessionId()) : registry.markClosed(change.sessionId()))
                    .block(WRITE_TIMEOUT);
            count(change.open() ? "opened" : "closed");
        }, () -> count("ignored"));
    }

    private void count(String outcome) {
        meters.counter("tta.gateway.open.escalations.updates", "outcome", outcome).increment();
    }
}
