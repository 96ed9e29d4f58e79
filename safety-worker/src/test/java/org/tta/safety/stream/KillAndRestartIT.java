package org.tta.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.safety.support.Messages;
import org.tta.safety.support.Scans;
import org.tta.safety.support.WorkerProcess;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The worker's runnable jar in a child JVM, killed with SIGKILL while it works through a stream of scans and
 * restarted: every crisis session is escalated exactly once, every scan gets exactly one verdict, nothing is lost.
 */
@TtaIntegrationTest
class KillAndRestartIT {

    private static final Logger log = LoggerFactory.getLogger(KillAndRestartIT.class);
    private static final int CRISIS_SESSIONS = 40;
    private static final int SAFE_SESSIONS = 40;
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @Test
    void everyCrisisSessionIsEscalatedExactlyOnceAcrossAKillAndRestart(TestInfrastructure infrastructure,
            TestNamespace namespace) throws Exception {
        TopicCatalog topics = TopicCatalog.standard().withPrefix(namespace.topicPrefix());
        Path stateDir = Files.createTempDirectory("safety-kill-state");
        Path logFile = Path.of("target", "kill-and-restart-" + namespace.id() + ".log");
        List<String> crisis = sessions(CRISIS_SESSIONS);
        List<String> safe = sessions(SAFE_SESSIONS);
        // Four scans per crisis session (high, high, imminent, high) and two per safe one, interleaved.
        List<SafetyScanRequest> first = new ArrayList<>();
        List<SafetyScanRequest> second = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            List<SafetyScanRequest> batch = round < 2 ? first : second;
            for (String session : crisis) {
                batch.add(Scans.aScan(session, round == 2 ? Messages.IMMINENT : Messages.HIGH));
            }
            if (round < 2) {
                for (String session : safe) {
                    batch.add(Scans.aScan(session, Messages.SAFE));
                }
            }
        }
        int total = first.size() + second.size();

        try (KafkaProducer<String, CloudEvent> producer = producer(infrastructure);
                KafkaProbe verdicts = KafkaProbe.on(infrastructure.kafkaBootstrapServers(), topics.name(TopicId.SAFETY_VERDICTS));
                KafkaProbe escalations = KafkaProbe.on(infrastructure.kafkaBootstrapServers(), topics.name(TopicId.SAFETY_ESCALATIONS))) {
            List<ConsumerRecord<String, byte[]>> escalationRecords = new ArrayList<>();
            WorkerProcess worker = WorkerProcess.start(infrastructure, namespace, stateDir, logFile);
            try {
                sendAll(producer, topics, first);
                // Kill as soon as the first transaction is visible: the rest of the first half is mid-stream.
                escalationRecords.addAll(escalations.awaitRecords(1, PATIENCE));
                worker.kill();
                log.info("Killed the worker with {} escalation records committed", escalationRecords.size());
            } finally {
                worker.close();
            }
            // Accepted while the worker is down: must be processed after the restart.
            sendAll(producer, topics, second);

            try (WorkerProcess restarted = WorkerProcess.start(infrastructure, namespace, stateDir, logFile)) {
                List<ConsumerRecord<String, byte[]>> verdictRecords = new ArrayList<>(verdicts.awaitRecords(total, PATIENCE));
                verdictRecords.addAll(verdicts.pollFor(Duration.ofSeconds(3)));
                Set<String> scanIds = new HashSet<>();
                verdictRecords.forEach(r -> scanIds.add(Scans.decode(r, SafetyVerdict.class).scanEventId()));
                assertThat(verdictRecords).as("one verdict per scan").hasSize(total);
                assertThat(scanIds).hasSize(total);

                // Verdicts and escalation steps commit together: all escalation steps are visible now.
                escalationRecords.addAll(escalations.pollFor(Duration.ofSeconds(3)));
                List<SafetyEscalation> steps = escalationRecords.stream()
                        .map(r -> Scans.decode(r, SafetyEscalation.class)).toList();
                Map<String, Integer> opened = new HashMap<>();
                steps.stream().filter(s -> SafetyEscalation.STEP_OPENED.equals(s.step()))
                        .forEach(s -> opened.merge(s.sessionId(), 1, Integer::sum));
                assertThat(opened.keySet()).containsExactlyInAnyOrderElementsOf(crisis);
                assertThat(opened.values()).containsOnly(1);
            }
        }
    }

    private static List<String> sessions(int count) {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(Scans.aSession());
        }
        return sessions;
    }

    private static void sendAll(KafkaProducer<String, CloudEvent> producer, TopicCatalog topics,
            List<SafetyScanRequest> scans) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SafetyScanRequest scan : scans) {
            CloudEvent event = TtaCloudEvents.create(EventIds.newId(), EventTypes.SAFETY_SCAN,
                    java.net.URI.create("urn:tta:test"), scan.sessionId(), java.time.OffsetDateTime.now(),
                    EventCodec.standard().encode(scan));
            sent.add(producer.send(TtaCloudEvents.toRecord(topics.name(TopicId.SAFETY_SCANS), scan.sessionId(), event)));
        }
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }
    }

    private static KafkaProducer<String, CloudEvent> producer(TestInfrastructure infrastructure) {
        Map<String, Object> config = new HashMap<>(TtaCloudEvents.producerSerializerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer() {
            {
                configure(config, false);
            }
        });
    }
}
