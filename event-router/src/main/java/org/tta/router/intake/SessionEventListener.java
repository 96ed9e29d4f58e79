package org.tta.router.intake;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tta.platform.kafka.ConsumedRecords;

/**
 * Reads session events and escalations. Walking skeleton: it counts what it sees; subscription
 * matching and delivery come with the router issue. Offsets are committed after each batch.
 */
@Component
class SessionEventListener {

    private final ConsumedRecords consumed;

    SessionEventListener(MeterRegistry meters) {
        this.consumed = new ConsumedRecords(meters, "event-router");
    }

    @KafkaListener(id = "event-router", topics = {
            "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).SESSION_EVENTS)}",
            "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).SAFETY_ESCALATIONS)}"})
    void onRecord(ConsumerRecord<String, CloudEvent> record) {
        consumed.seen(record);
    }
}
