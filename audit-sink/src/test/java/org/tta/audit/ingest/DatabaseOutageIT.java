package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.time.Duration;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tta.audit.support.AuditTopic;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TtaIntegrationTest;

/** A database that cannot take the writes stalls the sink; nothing is skipped, and the backlog drains after. */
@TtaIntegrationTest
@SpringBootTest(properties = {
        "spring.config.name=audit-sink",
        "tta.audit.retry-initial-interval=100ms",
        "tta.audit.retry-max-interval=400ms"})
class DatabaseOutageIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TopicCatalog catalog;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @AfterEach
    void tableBack() {
        jdbc.execute("alter table if exists audit_record_offline rename to audit_record");
    }

    @Test
    void storesRecordsThatArrivedWhileTheDatabaseCouldNotTakeThem() {
        String session = "session-" + EventIds.newId();
        CloudEvent before = anAuditEvent(aMessagePosted(session, "before"));
        CloudEvent during = anAuditEvent(aMessagePosted(session, "during"));
        CloudEvent after = anAuditEvent(aMessagePosted(session, "after"));
        try (AuditTopic topic = new AuditTopic(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS))) {
            topic.send(session, before);
            await().atMost(Duration.ofSeconds(30)).until(() -> eventIdsOf(session).size() == 1);

            // The table disappears: every insert fails until it is back, as in an outage.
            jdbc.execute("alter table audit_record rename to audit_record_offline");
            double failuresBefore = failedWrites();
            topic.send(session, during);
            topic.send(session, after);
            await().atMost(Duration.ofSeconds(30)).until(() -> failedWrites() >= failuresBefore + 3);

            jdbc.execute("alter table audit_record_offline rename to audit_record");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> eventIdsOf(session).size() == 3);
        assertThat(eventIdsOf(session)).containsExactly(before.getId(), during.getId(), after.getId());
    }

    private double failedWrites() {
        return meters.get("tta.audit.batch.write").tag("outcome", "failure").timer().count();
    }

    private List<String> eventIdsOf(String session) {
        return jdbc.queryForList("select event_id from audit_record where session_id = ? order by seq", String.class,
                session);
    }
}
