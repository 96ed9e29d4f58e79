package org.tta.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.safety.support.Scans.aScan;
import static org.tta.safety.support.Scans.aSession;
import static org.tta.safety.support.Scans.send;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.tta.safety.support.Messages;
import org.tta.safety.support.MutableClock;
import org.tta.safety.support.SafetyWorkerIntegrationTest;
import org.tta.safety.support.Scans;
import org.tta.safety.support.SkewedWorkerClock;
import org.tta.safety.support.WorkerOutputs;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * A crisis scan reaches a worker whose clock (injected clock and Kafka Streams' time alike) is {@link #skew()} off
 * the broker's: the verdict, exactly one escalation and, past the deadline, the re-escalation are still published.
 * The payloads keep the worker's clock; the record timestamps are times the broker accepted.
 */
@SafetyWorkerIntegrationTest
@Import(SkewedWorkerClock.class)
abstract class SkewedWorkerScenario {

    /** Room for the time between the broker's stamp and this test's reading of the clock. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    @Autowired
    TopicCatalog topics;
    @Autowired
    MutableClock clock;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;
    @Value("${tta.test.clock-skew}")
    Duration skew;
    @RegisterExtension
    final WorkerOutputs outputs = new WorkerOutputs();

    @Test
    void publishesTheVerdictOneEscalationAndTheReEscalationOfACrisis() {
        String session = aSession();
        send(topics.name(TopicId.SAFETY_SCANS), aScan(session, Messages.IMMINENT));

        ConsumerRecord<String, byte[]> verdictRecord = outputs.verdicts().awaitRecordsWithKey(session, 1, Duration.ofSeconds(60))
                .getFirst();
        SafetyVerdict verdict = Scans.decode(verdictRecord, SafetyVerdict.class);
        assertThat(verdict.tier()).isEqualTo("imminent");
        assertOnTheWorkersClock(verdict.decidedAt());
        assertStampedWithTheBrokersTime(verdictRecord);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(
                outputs.escalations().awaitRecordsWithKey(session, 1, Duration.ofSeconds(60)));
        SafetyEscalation opened = Scans.decode(records.getFirst(), SafetyEscalation.class);
        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertOnTheWorkersClock(opened.deadline());

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        records.addAll(outputs.escalations().awaitRecordsWithKey(session, 1, Duration.ofSeconds(60)));
        SafetyEscalation again = Scans.decode(records.getLast(), SafetyEscalation.class);
        assertThat(again.step()).isEqualTo(SafetyEscalation.STEP_RE_ESCALATED);
        assertThat(again.escalationId()).isEqualTo(opened.escalationId());
        assertThat(again.onCallLevel()).isEqualTo(1);
        assertOnTheWorkersClock(again.occurredAt());
        records.addAll(outputs.escalations().pollFor(Duration.ofSeconds(2)).stream().filter(r -> session.equals(r.key())).toList());
        assertThat(records).hasSize(2).allSatisfy(SkewedWorkerScenario::assertStampedWithTheBrokersTime);
        assertThat(Scans.await(outputs.audit(), session, 2, AuditRecord.class)).extracting(AuditRecord::action)
                .containsExactly(AuditActions.SAFETY_ESCALATED, AuditActions.SAFETY_ESCALATION_RE_ESCALATED);
    }

    /** Within a few minutes of the worker's clock, so hours away from the real time. */
    private void assertOnTheWorkersClock(Instant time) {
        assertThat(Duration.between(Instant.now().plus(skew), time).abs()).isLessThan(Duration.ofMinutes(15));
    }

    private static void assertStampedWithTheBrokersTime(ConsumerRecord<String, byte[]> record) {
        assertThat(Duration.between(Instant.now(), Instant.ofEpochMilli(record.timestamp())).abs()).isLessThan(MARGIN);
    }
}
