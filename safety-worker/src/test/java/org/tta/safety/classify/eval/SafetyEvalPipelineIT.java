package org.tta.safety.classify.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Fixtures;
import org.tta.safety.classify.Tier;
import org.tta.safety.support.SafetyWorkerIntegrationTest;
import org.tta.safety.support.Scans;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;

/**
 * The evaluation set through real Kafka: every labelled message goes as a scan (each in its own session, so the
 * trajectory rule does not mix them) into the running topology, and the verdicts it publishes are scored with the
 * same code and gate as {@link SafetyEvalTest}. The set's one empty message is left out: the scan contract requires
 * text, so it can never arrive as a scan. Writes {@code target/safety-eval-pipeline-report.md}.
 */
@SafetyWorkerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafetyEvalPipelineIT {

    static final String COMMAND = "./mvnw -B -pl safety-worker -am verify -Dtest=none -Dit.test=SafetyEvalPipelineIT "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false";

    @Autowired
    TopicCatalog topics;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    private List<EvalCase> cases;
    private EvalSet.Baseline baseline;
    private final EvalScore score = new EvalScore();
    private final Map<String, SafetyVerdict> verdictsByMessage = new HashMap<>();
    private KafkaProbe verdicts;

    @BeforeAll
    void sendTheEvaluationSetAndCollectTheVerdicts() throws Exception {
        // The scan contract requires text: an empty message is never a scan (the topology dead-letters it).
        cases = EvalSet.messages().stream().filter(c -> !c.text().isBlank()).toList();
        baseline = EvalSet.baseline();
        verdicts = KafkaProbe.on(bootstrap, topics.name(TopicId.SAFETY_VERDICTS));
        Map<String, EvalCase> byMessage = new HashMap<>();
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new CloudEventSerializer())) {
            for (EvalCase c : cases) {
                SafetyScanRequest scan = Scans.aScan(Scans.aSession(), c.text());
                byMessage.put(scan.messageEventId(), c);
                // One at a time: the topic may be brand new, and batches in flight to a partition whose leader is
                // still being elected can fail with out-of-order sequences for good (seen in a full run).
                producer.send(new ProducerRecord<>(topics.name(TopicId.SAFETY_SCANS), scan.sessionId(), scanEvent(scan)))
                        .get();
            }
        }
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            for (ConsumerRecord<String, byte[]> record : verdicts.pollFor(Duration.ofMillis(500))) {
                SafetyVerdict verdict = Scans.decode(record, SafetyVerdict.class);
                if (byMessage.containsKey(verdict.messageEventId())) {
                    assertThat(verdictsByMessage.put(verdict.messageEventId(), verdict))
                            .as("one verdict per scan").isNull();
                }
            }
            assertThat(byMessage.size() - verdictsByMessage.size()).as("scans still without a verdict").isZero();
        });
        byMessage.forEach((messageId, c) -> {
            SafetyVerdict verdict = verdictsByMessage.get(messageId);
            score.add(c, Category.valueOf(verdict.category().toUpperCase(Locale.ROOT)),
                    Tier.valueOf(verdict.tier().toUpperCase(Locale.ROOT)));
        });
        EvalGate.write(EvalReport.render(score, Fixtures.shippedRules().version(), baseline, new EvalReport.Source(
                "the running Kafka Streams topology (scans in, verdict topic out, one session per message)", COMMAND,
                "safety-worker/target/safety-eval-pipeline-report.md")), "safety-eval-pipeline-report.md");
    }

    @AfterAll
    void close() {
        verdicts.close();
    }

    @Test
    void everyScanOfTheSetGetsAClassifiedVerdictFromTheShippedRules() {
        assertThat(verdictsByMessage).hasSameSizeAs(cases);
        assertThat(verdictsByMessage.values()).extracting(SafetyVerdict::outcome).containsOnly(SafetyVerdict.OUTCOME_CLASSIFIED);
        assertThat(verdictsByMessage.values()).extracting(SafetyVerdict::rulesVersion)
                .containsOnly(Fixtures.shippedRules().version());
        assertThat(verdictsByMessage.values()).extracting(SafetyVerdict::trajectoryRaised).containsOnly(false);
        EvalGate.assertCoversEveryCategoryTierAndTrap(cases);
    }

    @Test
    void escalationTiersKeepTheirRecallThroughThePipeline() {
        EvalGate.assertKeepsRecall(score, baseline);
    }

    @Test
    void escalationTiersKeepTheirPrecisionThroughThePipeline() {
        EvalGate.assertKeepsPrecision(score);
    }

    private static CloudEvent scanEvent(SafetyScanRequest scan) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withType(EventTypes.SAFETY_SCAN)
                .withSource(URI.create("urn:tta:test")).withSubject(scan.sessionId()).withTime(OffsetDateTime.now())
                .withData("application/json", EventCodec.standard().encode(scan)).build();
    }
}
