package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tta.audit.chain.ChainVerifier;
import org.tta.audit.support.AuditTopic;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TtaIntegrationTest;

/**
 * PostgreSQL goes away while records flow: the sink stalls, commits no offset, loses and skips
 * nothing, and once the database is back it drains the backlog, each record exactly once and each
 * session's chain whole.
 */
@TtaIntegrationTest
@SpringBootTest(properties = {
        "spring.config.name=audit-sink",
        "tta.audit.scheduling.enabled=false",
        "tta.audit.retry-initial-interval=100ms",
        "tta.audit.retry-max-interval=400ms",
        "spring.datasource.hikari.data-source-properties.ApplicationName=audit-outage-it"})
class DatabaseOutageIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TopicCatalog catalog;
    @Autowired
    ChainVerifier verifier;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @AfterEach
    void databaseBack() {
        jdbc.execute("alter table if exists audit_record_offline rename to audit_record");
    }

    @Test
    void commitsNothingWhileTheDatabaseIsDownAndStoresTheBacklogOnceAfter() throws Exception {
        List<String> sessions = List.of(aSession(), aSession(), aSession());
        Map<String, List<String>> sent = new LinkedHashMap<>();
        sessions.forEach(s -> sent.put(s, new ArrayList<>()));
        try (AuditTopic topic = new AuditTopic(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS))) {
            send(topic, sessions.getFirst(), "before", sent);
            await().atMost(WITHIN).until(() -> eventIdsOf(sessions.getFirst()).size() == 1);
            await().atMost(WITHIN).until(() -> committedOffsets() >= 1);
            long committedBefore = committedOffsets();

            // The database goes away: every write fails (the table is gone) and live connections are cut.
            jdbc.execute("alter table audit_record rename to audit_record_offline");
            jdbc.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where application_name = "
                    + "'audit-outage-it' and pid <> pg_backend_pid()");
            double failuresBefore = failedWrites();
            for (int i = 0; i < 30; i++) {
                String session = sessions.get(i % sessions.size());
                send(topic, session, "during " + i, sent);
            }
            await().atMost(WITHIN).until(() -> failedWrites() >= failuresBefore + 3);
            assertThat(committedOffsets()).isEqualTo(committedBefore);

            jdbc.execute("alter table audit_record_offline rename to audit_record");
        }

        for (String session : sessions) {
            await().atMost(WITHIN).until(() -> eventIdsOf(session).size() == sent.get(session).size());
            assertThat(eventIdsOf(session)).containsExactlyElementsOf(sent.get(session));
            assertThat(verifier.verifySession(session).orElseThrow().intact()).isTrue();
        }
        await().atMost(WITHIN).until(() -> committedOffsets() >= 31);
    }

    private void send(AuditTopic topic, String session, String text, Map<String, List<String>> sent) {
        CloudEvent event = anAuditEvent(aMessagePosted(session, text));
        topic.send(session, event);
        sent.get(session).add(event.getId());
    }

    /** The sum of the group's committed offsets on the audit records topic. */
    private long committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().toString().startsWith(catalog.name(TopicId.AUDIT_RECORDS) + "-"))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        }
    }

    private double failedWrites() {
        return meters.get("tta.audit.batch.write").tag("outcome", "failure").timer().count();
    }

    private List<String> eventIdsOf(String session) {
        return jdbc.queryForList("select event_id from audit_record where session_id = ? order by chain_seq", String.class,
                session);
    }

    private static String aSession() {
        return "session-" + EventIds.newId();
    }
}
