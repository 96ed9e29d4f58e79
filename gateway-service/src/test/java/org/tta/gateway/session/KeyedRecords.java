package org.tta.gateway.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.AuditRecord;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;

/** Reads one key's committed records of a topic from its beginning. */
public final class KeyedRecords {

    private static final EventCodec CODEC = EventCodec.standard();

    private KeyedRecords() {
    }

    /** Polls from the start of the topic until at least {@code count} records with this key arrived. */
    public static List<ConsumerRecord<String, byte[]>> await(String topic, String key, int count) {
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), topic)) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.pollFor(Duration.ofMillis(200)).stream().filter(r -> key.equals(r.key())).forEach(found::add);
                return found.size() >= count;
            });
            return found;
        }
    }

    /** The audit records of a session, once at least {@code count} arrived. */
    public static List<AuditRecord> audits(String auditTopic, String sessionId, int count) {
        return await(auditTopic, sessionId, count).stream().map(r -> CODEC.decode(r.value(), AuditRecord.class)).toList();
    }
}
