package org.tta.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.audit.support.Entries.aMessageEntry;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.tta.audit.chain.ChainVerifier;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.support.MutableClock;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.testkit.TtaIntegrationTest;

/** Monthly partitions are made ahead and dropped after the retention, with the drop itself on record. */
@TtaIntegrationTest
@SpringBootTest(properties = {"spring.config.name=audit-sink", "tta.audit.scheduling.enabled=false",
        "tta.audit.retention.period=P2M", "tta.audit.retention.months-ahead=2"})
class RetentionIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2031-05-15T10:00:00Z"));

    @TestBean(name = "auditClock")
    Clock clock;

    @Autowired
    Partitions partitions;
    @Autowired
    AuditRecordStore store;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;

    static Clock auditClock() {
        return CLOCK;
    }

    @Test
    void makesPartitionsAheadMovesEarlyRowsIntoThemAndDropsExpiredMonthsOnRecord() {
        // At start-up (clock in May 2031) the job made April to July.
        assertThat(partitions.existing()).contains(YearMonth.of(2031, 4), YearMonth.of(2031, 5), YearMonth.of(2031, 7));
        String oldSession = aSession();
        String laterSession = aSession();
        AuditEntry may = aMessageEntry(oldSession, "in May", Instant.parse("2031-05-15T10:00:00Z"));
        AuditEntry october = aMessageEntry(laterSession, "in October", Instant.parse("2031-10-02T08:00:00Z"));
        store.append(List.of(may, october));
        assertThat(partitionOf(may.eventId())).isEqualTo("audit_record_p203105");
        assertThat(partitionOf(october.eventId())).isEqualTo("audit_record_default");

        CLOCK.set(Instant.parse("2031-09-10T00:00:00Z"));
        List<YearMonth> made = partitions.createAhead();
        List<YearMonth> dropped = partitions.dropExpired();

        assertThat(made).contains(YearMonth.of(2031, 10), YearMonth.of(2031, 11));
        assertThat(partitionOf(october.eventId())).isEqualTo("audit_record_p203110");
        // Cutoff 2031-07-10: April, May and June are wholly older; July is not.
        assertThat(dropped).containsExactly(YearMonth.of(2031, 4), YearMonth.of(2031, 5), YearMonth.of(2031, 6));
        assertThat(partitions.existing()).doesNotContain(YearMonth.of(2031, 5)).contains(YearMonth.of(2031, 7));
        assertThat(count("select count(*) from audit_record where event_id = ?", may.eventId())).isZero();
        assertThat(count("select count(*) from audit_event_id where event_id = ?", may.eventId())).isZero();
        assertThat(count("select count(*) from audit_record where event_id = ?", october.eventId())).isOne();

        // Each drop is an audit event of its own, on the sink's chain, which verifies.
        assertThat(jdbc.queryForList("select resource_id from audit_record where action = 'audit.partition.dropped' "
                + "order by chain_seq", String.class))
                .containsExactly("audit_record_p203104", "audit_record_p203105", "audit_record_p203106");
        assertThat(jdbc.queryForObject("select payload->>'retention' from audit_record where resource_id = 'audit_record_p203105'",
                String.class)).isEqualTo("P2M");
        assertThat(verifier.verify("subject:audit-sink").orElseThrow().intact()).isTrue();
        assertThat(verifier.verifySession(laterSession).orElseThrow().intact()).isTrue();
    }

    private String partitionOf(String eventId) {
        return jdbc.queryForObject("select tableoid::regclass::text from audit_record where event_id = ?", String.class, eventId);
    }

    private int count(String sql, String arg) {
        return jdbc.queryForObject(sql, Integer.class, arg);
    }

    private static String aSession() {
        return "session-" + EventIds.newId();
    }
}
