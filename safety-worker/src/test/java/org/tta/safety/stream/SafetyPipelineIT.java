package org.tta.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.safety.support.Scans.aScan;
import static org.tta.safety.support.Scans.aSession;
import static org.tta.safety.support.Scans.anImmediateScan;
import static org.tta.safety.support.Scans.await;
import static org.tta.safety.support.Scans.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.tta.safety.support.Messages;
import org.tta.safety.support.SafetyWorkerIntegrationTest;
import org.tta.safety.support.WorkerOutputs;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestProducer;

/** Scans in, verdicts, escalations, audit records and dead letters out, against the real broker. */
@SafetyWorkerIntegrationTest
class SafetyPipelineIT {

    @Autowired
    TopicCatalog topics;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;
    @RegisterExtension
    final WorkerOutputs outputs = new WorkerOutputs();

    @Test
    void publishesAVerdictWithoutTheTextAndNoEscalationForASafeMessage() {
        String session = aSession();
        SafetyScanRequest scan = aScan(session, Messages.SAFE);
        send(scans(), scan);

        ConsumerRecord<String, byte[]> record = outputs.verdicts().awaitRecordsWithKey(session, 1, Duration.ofSeconds(60)).getFirst();
        SafetyVerdict verdict = org.tta.safety.support.Scans.decode(record, SafetyVerdict.class);

        assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo(EventTypes.SAFETY_VERDICT);
        assertThat(verdict.tier()).isEqualTo("none");
        assertThat(verdict.messageEventId()).isEqualTo(scan.messageEventId());
        assertThat(verdict.escalationId()).isNull();
        assertThat(verdict.outcome()).isEqualTo(SafetyVerdict.OUTCOME_CLASSIFIED);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("weather");
        assertThat(outputs.escalations().pollFor(Duration.ofSeconds(2))).noneMatch(r -> session.equals(r.key()));
    }

    @Test
    void opensOneEscalationPerEpisodeAndUpdatesItWithAHigherTier() {
        String session = aSession();
        send(scans(), aScan(session, Messages.HIGH));
        send(scans(), aScan(session, Messages.IMMINENT));

        List<SafetyVerdict> decided = await(outputs.verdicts(), session, 2, SafetyVerdict.class);
        List<SafetyEscalation> steps = await(outputs.escalations(), session, 2, SafetyEscalation.class);

        assertThat(steps).extracting(SafetyEscalation::step)
                .containsExactly(SafetyEscalation.STEP_OPENED, SafetyEscalation.STEP_UPDATED);
        assertThat(steps).extracting(SafetyEscalation::escalationId).containsOnly(steps.getFirst().escalationId());
        assertThat(steps.getFirst().tier()).isEqualTo("high");
        assertThat(steps.get(1).tier()).isEqualTo("imminent");
        assertThat(steps.getFirst().deadline()).isNotNull();
        assertThat(steps.getFirst().onCallLevel()).isZero();
        assertThat(decided).extracting(SafetyVerdict::escalationId).containsOnly(steps.getFirst().escalationId());
        List<AuditRecord> audited = await(outputs.audit(), session, 2, AuditRecord.class);
        assertThat(audited).extracting(AuditRecord::action)
                .containsExactly(AuditActions.SAFETY_ESCALATED, AuditActions.SAFETY_ESCALATION_UPDATED);
        assertThat(audited).extracting(AuditRecord::resourceId).containsOnly(steps.getFirst().escalationId());
    }

    @Test
    void repeatedModerateSignalsRaiseTheTierAndEscalate() {
        String session = aSession();
        for (int i = 0; i < 3; i++) {
            send(scans(), aScan(session, Messages.MODERATE));
        }

        List<SafetyVerdict> decided = await(outputs.verdicts(), session, 3, SafetyVerdict.class);

        assertThat(decided).extracting(SafetyVerdict::tier).containsExactly("moderate", "moderate", "high");
        assertThat(decided.get(2).classifiedTier()).isEqualTo("moderate");
        assertThat(decided.get(2).trajectoryRaised()).isTrue();
        SafetyEscalation opened = await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();
        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertThat(opened.tier()).isEqualTo("high");
    }

    @Test
    void aThirdPartyEmergencyOpensAnEscalationInItsCategoryLikeAnyCrisis() {
        String session = aSession();
        send(scans(), aScan(session, Messages.THIRD_PARTY_EMERGENCY));

        SafetyVerdict verdict = await(outputs.verdicts(), session, 1, SafetyVerdict.class).getFirst();
        SafetyEscalation opened = await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();

        assertThat(verdict.category()).isEqualTo("third_party_emergency");
        assertThat(verdict.tier()).isEqualTo("imminent");
        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertThat(opened.category()).isEqualTo("third_party_emergency");
        assertThat(opened.tier()).isEqualTo("imminent");
        assertThat(opened.deadline()).isNotNull();
        assertThat(opened.escalationId()).isEqualTo(verdict.escalationId());
        assertThat(await(outputs.audit(), session, 1, AuditRecord.class)).extracting(AuditRecord::action)
                .containsExactly(AuditActions.SAFETY_ESCALATED);
    }

    @Test
    void anImmediateScanEscalatesAtLeastHighWhateverTheClassifierSays() {
        String session = aSession();
        send(scans(), anImmediateScan(session, Messages.SAFE));

        SafetyVerdict verdict = await(outputs.verdicts(), session, 1, SafetyVerdict.class).getFirst();
        SafetyEscalation opened = await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();

        assertThat(verdict.tier()).isEqualTo("high");
        assertThat(verdict.priority()).isEqualTo(SafetyScanRequest.IMMEDIATE);
        assertThat(opened.tier()).isEqualTo("high");
        assertThat(opened.escalationId()).isEqualTo(verdict.escalationId());
    }

    @Test
    void deadLettersPoisonRecordsAndTheSamePartitionMovesOn() throws Exception {
        String session = aSession();
        try (KafkaProbe dlq = KafkaProbe.on(bootstrap, topics.name(TopicId.SAFETY_SCANS_DLQ));
                KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(scans(), session, "not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
            TestProducer.sendEvents(scans(), EventTypes.SAFETY_SCAN, "{\"sessionId\":\"" + session + "\"}", session);
            send(scans(), aScan(session, Messages.HIGH));

            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitRecordsWithKey(session, 2, Duration.ofSeconds(60));
            SafetyVerdict verdict = await(outputs.verdicts(), session, 1, SafetyVerdict.class).getFirst();

            assertThat(dead).extracting(r -> KafkaProbe.header(r, "tta_dlq_reason"))
                    .containsExactly("not_a_cloudevent", "invalid_payload");
            assertThat(dead.getFirst().value()).asString(StandardCharsets.UTF_8).isEqualTo("not a cloud event");
            assertThat(KafkaProbe.header(dead.get(1), "ce_type")).isEqualTo(EventTypes.SAFETY_SCAN);
            assertThat(KafkaProbe.header(dead.get(1), "tta_dlq_source_topic")).isEqualTo(scans());
            assertThat(verdict.tier()).isEqualTo("high");
        }
    }

    private String scans() {
        return topics.name(TopicId.SAFETY_SCANS);
    }
}
