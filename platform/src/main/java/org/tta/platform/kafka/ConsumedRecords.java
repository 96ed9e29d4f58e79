package org.tta.platform.kafka;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the records a worker consumed: metadata only (topic, partition, offset, type,
 * id), never the payload, which may hold a patient's words.
 */
public final class ConsumedRecords {

    private static final Logger log = LoggerFactory.getLogger(ConsumedRecords.class);

    private final MeterRegistry meters;
    private final String worker;

    public ConsumedRecords(MeterRegistry meters, String worker) {
        this.meters = meters;
        this.worker = worker;
    }

    public void seen(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        String type = event == null ? "none" : event.getType();
        Counter.builder("tta.worker.records")
                .description("Records a worker consumed, by topic and CloudEvents type")
                .tag("worker", worker).tag("topic", record.topic()).tag("type", type)
                .register(meters).increment();
        if (log.isDebugEnabled()) {
            log.debug("Consumed topic={} partition={} offset={} type={} id={}", record.topic(), record.partition(),
                    record.offset(), type, event == null ? null : event.getId());
        }
    }
}
