package org.tta.safety.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestProducer;

/** Scan requests as the gateway writes them, and decoding of the worker's output. */
public final class Scans {

    private Scans() {
    }

    public static String aSession() {
        return "session-" + EventIds.newId();
    }

    public static SafetyScanRequest aScan(String session, String text) {
        return new SafetyScanRequest(session, EventIds.newId(), "alice", "patient", text);
    }

    public static SafetyScanRequest anImmediateScan(String session, String text) {
        return new SafetyScanRequest(session, EventIds.newId(), "alice", "patient", text, SafetyScanRequest.IMMEDIATE,
                "crisis.self-harm");
    }

    public static void send(String topic, SafetyScanRequest scan) {
        TestProducer.sendEvents(topic, EventTypes.SAFETY_SCAN,
                new String(EventCodec.standard().encode(scan), StandardCharsets.UTF_8), scan.sessionId());
    }

    /** The data of the records with this key, decoded. */
    public static <T> List<T> await(KafkaProbe probe, String key, int count, Class<T> type) {
        return probe.awaitRecordsWithKey(key, count, Duration.ofSeconds(60)).stream().map(r -> decode(r, type)).toList();
    }

    public static <T> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        CloudEvent event = KafkaProbe.toCloudEvent(record);
        return EventCodec.standard().decode(event, type);
    }
}
