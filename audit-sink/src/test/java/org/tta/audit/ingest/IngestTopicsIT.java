package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.tta.audit.chain.ChainVerifier;
import org.tta.audit.phi.ContentDecryptor;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.StoredAuditRecord;
import org.tta.audit.support.AuditEvents;
import org.tta.audit.support.AuditTopic;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Verdicts and escalation steps join the audit records in one shape and one chain per session;
 * redeliveries in any order are stored once; poison records go to the dead-letter topic of their
 * source and the partition moves on.
 */
@TtaIntegrationTest
@SpringBootTest(properties = {"spring.config.name=audit-sink", "tta.audit.scheduling.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestTopicsIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final URI SAFETY_WORKER = URI.create("/tta/safety-worker");

    @Autowired
    AuditRecordStore store;
    @Autowired
    ContentDecryptor decryptor;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TopicCatalog catalog;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    AuditTopic records;
    AuditTopic verdicts;
    AuditTopic escalations;

    @BeforeAll
    void openTopics() {
        records = new AuditTopic(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS));
        verdicts = new AuditTopic(bootstrapServers, catalog.name(TopicId.SAFETY_VERDICTS));
        escalations = new AuditTopic(bootstrapServers, catalog.name(TopicId.SAFETY_ESCALATIONS));
    }

    @AfterAll
    void closeTopics() {
        records.close();
        verdicts.close();
        escalations.close();
    }

    @Test
    void storesASafetyVerdictWithItsTierAsSeverityAndItsExcerptEncrypted() {
        String session = aSession();
        CloudEvent verdict = safetyEvent(EventDecoder.SAFETY_VERDICT, session, Map.of("sessionId", session,
                "scanEventId", "scan-1", "category", "suicidal_ideation", "tier", "imminent",
                "signals", List.of("plan", "means"), "excerpt", "I have a plan for tonight"));

        verdicts.send(session, verdict);

        StoredAuditRecord row = awaitRow(session, verdict.getId());
        assertThat(row.kind()).isEqualTo("safety_verdict");
        assertThat(row.action()).isEqualTo("safety.verdict");
        assertThat(row.severity()).isEqualTo("imminent");
        assertThat(row.category()).isEqualTo("suicidal_ideation");
        assertThat(row.subjectId()).isEqualTo("safety-worker");
        assertThat(row.subjectRole()).isEqualTo("service");
        assertThat(row.sourceService()).isEqualTo("safety-worker");
        assertThat(row.resourceId()).isEqualTo("scan-1");
        assertThat(row.payloadJson()).contains("\"signals\"").doesNotContain("plan for tonight");
        assertThat(decryptor.decrypt(row).orElseThrow().text()).isEqualTo("I have a plan for tonight");
        assertThat(row.chain().chainId()).isEqualTo("session:" + session);
    }

    @Test
    void storesEachEscalationStepOnTheSessionChainAfterItsRecords() {
        String session = aSession();
        CloudEvent message = anAuditEvent(aMessagePosted(session, "I cannot go on"));
        CloudEvent raised = safetyEvent(EventTypes.SAFETY_ESCALATION, session, Map.of("escalationId", "esc-1",
                "sessionId", session, "step", 1, "state", "RAISED", "tier", "high", "category", "self_harm",
                "onCallLevel", 1));
        CloudEvent acknowledged = safetyEvent(EventTypes.SAFETY_ESCALATION, session, Map.of("escalationId", "esc-1",
                "sessionId", session, "step", 2, "state", "ACKNOWLEDGED", "tier", "high", "category", "self_harm",
                "onCallLevel", 1, "acknowledgedBy", "dr-hughes"));

        records.send(session, message);
        escalations.send(session, raised);
        escalations.send(session, acknowledged);

        StoredAuditRecord ack = awaitRow(session, acknowledged.getId());
        StoredAuditRecord raise = awaitRow(session, raised.getId());
        assertThat(raise.action()).isEqualTo("safety.escalation.raised");
        assertThat(raise.outcome()).isEqualTo("RAISED");
        assertThat(raise.resourceType()).isEqualTo("safety.escalation");
        assertThat(raise.resourceId()).isEqualTo("esc-1");
        assertThat(ack.action()).isEqualTo("safety.escalation.acknowledged");
        assertThat(ack.subjectId()).isEqualTo("dr-hughes");
        assertThat(ack.severity()).isEqualTo("high");
        assertThat(TtaJson.mapper().readTree(ack.payloadJson()).get("onCallLevel").asInt()).isEqualTo(1);
        await().atMost(WITHIN).until(() -> store.session(session, 0, 10).size() == 3);
        assertThat(verifier.verifySession(session).orElseThrow().intact()).isTrue();
    }

    @Test
    void storesDuplicateAndOutOfOrderRedeliveriesOnceInArrivalOrder() {
        String session = aSession();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CloudEvent first = eventAt(session, base.minusSeconds(10));
        CloudEvent second = eventAt(session, base.minusSeconds(30));
        CloudEvent third = eventAt(session, base.minusSeconds(20));
        CloudEvent last = eventAt(session, base);

        records.send(session, first);
        records.send(session, second);
        records.send(session, third);
        records.send(session, second);
        records.send(session, first);
        records.send(session, last);

        awaitRow(session, last.getId());
        List<StoredAuditRecord> rows = store.session(session, 0, 100);
        assertThat(rows).extracting(StoredAuditRecord::eventId)
                .containsExactly(first.getId(), second.getId(), third.getId(), last.getId());
        assertThat(rows).extracting(r -> r.chain().seq()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.get(1).eventTime()).isEqualTo(base.minusSeconds(30));
        assertThat(verifier.verifySession(session).orElseThrow().intact()).isTrue();
    }

    @Test
    void deadLettersPoisonRecordsByteForByteAndStoresTheRecordsAfterThem() {
        String session = aSession();
        byte[] garbage = "not a CloudEvent".getBytes(StandardCharsets.UTF_8);
        CloudEvent invalid = AuditEvents.withData(EventIds.newId(),
                "{\"action\":\"session.message.posted\"}".getBytes(StandardCharsets.UTF_8), session);
        CloudEvent escalationWithoutSession = TtaCloudEvents.create(EventIds.newId(), EventTypes.SAFETY_ESCALATION,
                SAFETY_WORKER, null, OffsetDateTime.now(ZoneOffset.UTC), "{\"tier\":\"high\"}".getBytes(StandardCharsets.UTF_8));
        CloudEvent valid = anAuditEvent(aMessagePosted(session, "after the poison"));

        try (KafkaProbe recordsDlq = KafkaProbe.on(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS_DLQ));
                KafkaProbe escalationsDlq = KafkaProbe.on(bootstrapServers, catalog.name(TopicId.SAFETY_ESCALATIONS_DLQ))) {
            records.sendRaw(session, garbage);
            records.send(session, invalid);
            escalations.send(session, escalationWithoutSession);
            records.send(session, valid);

            awaitRow(session, valid.getId());
            List<ConsumerRecord<String, byte[]>> dead = recordsDlq.awaitRecordsWithKey(session, 2, WITHIN);
            assertThat(dead.get(0).value()).isEqualTo(garbage);
            assertThat(KafkaProbe.header(dead.get(0), DeadLetters.REASON_HEADER)).isEqualTo("undecodable");
            assertThat(KafkaProbe.header(dead.get(0), KafkaHeaders.DLT_ORIGINAL_TOPIC))
                    .isEqualTo(catalog.name(TopicId.AUDIT_RECORDS));
            assertThat(KafkaProbe.toCloudEvent(dead.get(1)).getId()).isEqualTo(invalid.getId());
            assertThat(KafkaProbe.header(dead.get(1), DeadLetters.REASON_HEADER)).isEqualTo("invalid");

            ConsumerRecord<String, byte[]> deadEscalation = escalationsDlq.awaitRecordsWithKey(session, 1, WITHIN).getFirst();
            assertThat(KafkaProbe.toCloudEvent(deadEscalation).getId()).isEqualTo(escalationWithoutSession.getId());
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_record where event_id in (?, ?)", Integer.class,
                invalid.getId(), escalationWithoutSession.getId())).isZero();
    }

    private StoredAuditRecord awaitRow(String session, String eventId) {
        return await().atMost(WITHIN).until(() -> store.session(session, 0, 100).stream()
                .filter(r -> r.eventId().equals(eventId)).findFirst().orElse(null), row -> row != null);
    }

    private static CloudEvent eventAt(String session, Instant occurredAt) {
        var posted = aMessagePosted(session, "at " + occurredAt);
        return anAuditEvent(new org.tta.schemas.payload.AuditRecord(posted.action(), posted.outcome(), posted.actorId(),
                posted.actorRole(), session, posted.resourceType(), posted.resourceId(), posted.sourceService(),
                occurredAt, posted.clientIp(), posted.traceId(), posted.content()));
    }

    private static CloudEvent safetyEvent(String type, String session, Map<String, Object> data) {
        return TtaCloudEvents.create(EventIds.newId(), type, SAFETY_WORKER, session, OffsetDateTime.now(ZoneOffset.UTC),
                TtaJson.mapper().writeValueAsBytes(data));
    }

    private static String aSession() {
        return "session-" + EventIds.newId();
    }
}
