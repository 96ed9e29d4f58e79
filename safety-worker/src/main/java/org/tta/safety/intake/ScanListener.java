package org.tta.safety.intake;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tta.platform.kafka.ConsumedRecords;

/**
 * Reads safety scan requests. Walking skeleton: it counts what it sees; classification and
 * escalation come with the safety issue. Offsets are committed after each batch.
 */
@Component
class ScanListener {

    private final ConsumedRecords consumed;

    ScanListener(MeterRegistry meters) {
        this.consumed = new ConsumedRecords(meters, "safety-worker");
    }

    @KafkaListener(id = "safety-worker", topics = "#{@topicCatalog.name(T(org.tta.schemas.topics.TopicId).SAFETY_SCANS)}")
    void onRecord(ConsumerRecord<String, CloudEvent> record) {
        consumed.seen(record);
    }
}
