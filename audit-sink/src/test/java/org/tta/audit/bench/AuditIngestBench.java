package org.tta.audit.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.tta.audit.support.AuditEvents;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.PhysicalLimit;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Records stored per second: RECORDS audit records (SESSIONS sessions, ~200 characters of message
 * text each) are produced to the topic while the sink's listener is stopped; then the listener
 * starts and the time until the last row is in PostgreSQL is measured (decode, encrypt, chain, one
 * transaction per batch, offsets committed). RUNS runs; the numbers go to target/bench-audit.txt, after the
 * physical limit measured against the same broker between the warm-up and the measured runs ({@link PhysicalLimit}:
 * Kafka's ProducerPerformance, when {@code bench.limit.script} is set).
 * Run by bench/audit/run.sh; outside the default build (tag "bench").
 */
@Tag("bench")
@TtaIntegrationTest
@SpringBootTest(properties = {"spring.config.name=audit-sink", "tta.audit.scheduling.enabled=false",
        "spring.kafka.listener.auto-startup=false"})
class AuditIngestBench {

    private static final int RECORDS = Integer.getInteger("bench.records", 50_000);
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 500);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final String TEXT = "I keep going over what happened at work today and I cannot sleep; "
            + "my therapist suggested writing it down, so here it is, one more time, in some detail for the record.";

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TopicCatalog catalog;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void measuresRecordsStoredPerSecond() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer("audit-sink");
        List<String> lines = new ArrayList<>();
        // A small warm-up run (JIT, connection pool, first partitions), not reported.
        for (int run = 0; run <= RUNS; run++) {
            int records = run == 0 ? Math.min(RECORDS, 10_000) : RECORDS;
            long before = rows();
            produce(records, run);
            long start = System.nanoTime();
            container.start();
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(50)).until(() -> rows() >= before + records);
            double seconds = (System.nanoTime() - start) / 1e9;
            container.stop();
            await().atMost(Duration.ofMinutes(1)).until(() -> !container.isRunning());
            if (run == 0) {
                lines.addAll(PhysicalLimit.measure(bootstrapServers, RUNS));
            } else {
                String line = "RESULT run=%d records=%d seconds=%.3f rate=%.0f".formatted(run, records, seconds, records / seconds);
                System.out.println(line);
                lines.add(line);
            }
        }
        write(lines);
    }

    private void produce(int records, int run) throws Exception {
        Map<String, Object> config = new HashMap<>(TtaCloudEvents.producerSerializerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        String topic = catalog.name(TopicId.AUDIT_RECORDS);
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                String session = "bench-" + run + "-" + (i % SESSIONS);
                AuditRecord record = new AuditRecord(AuditActions.MESSAGE_POSTED, AuditOutcomes.SUCCESS, "patient-" + (i % SESSIONS),
                        "patient", session, "session.message", "m-" + run + "-" + i, "gateway-service",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS), "203.0.113.7", "4bf92f3577b34da6a3ce929d0e0e4736", TEXT);
                acks.add(producer.send(TtaCloudEvents.toRecord(topic, session, AuditEvents.anAuditEvent(record))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }

    private long rows() {
        return jdbc.queryForObject("select count(*) from audit_event_id", Long.class);
    }

    private static void write(List<String> lines) throws IOException {
        Path out = Path.of("target", "bench-audit.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }
}
