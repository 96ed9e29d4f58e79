package org.tta.audit.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.RecordKind;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.json.TtaJson;

/**
 * Creates the monthly partitions ahead of time and drops those past the retention. Runs as the login
 * role, which owns the tables (the writer role cannot create or drop anything).
 *
 * <p>A row whose month has no partition yet lands in {@code audit_record_default}; creating that
 * month's partition moves such rows into it (in one transaction, with the default partition locked
 * against new rows meanwhile). Dropping a partition deletes its event ids from the dedup table,
 * records the drop in {@code audit_retention_drop}, and appends an {@code audit.partition.dropped}
 * event to the trail, all in one transaction.
 */
@Component
public class Partitions {

    static final String DROPPED_ACTION = "audit.partition.dropped";
    private static final Logger log = LoggerFactory.getLogger(Partitions.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AuditRecordStore store;
    private final RetentionProperties properties;
    private final Clock clock;

    public Partitions(JdbcTemplate jdbc, TransactionTemplate transaction, AuditRecordStore store,
            RetentionProperties properties, @Qualifier("auditClock") Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The month partitions that exist now, oldest first. */
    public List<YearMonth> existing() {
        List<YearMonth> months = new ArrayList<>();
        for (String name : jdbc.queryForList("select c.relname::text from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = 'audit_record'::regclass", String.class)) {
            MonthPartition.fromName(name).ifPresent(p -> months.add(p.month()));
        }
        return new ArrayList<>(new TreeSet<>(months));
    }

    /** Makes the partitions of last month, this month and {@code months-ahead} months after it; returns those made. */
    public synchronized List<YearMonth> createAhead() {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        List<YearMonth> have = existing();
        List<YearMonth> made = new ArrayList<>();
        for (YearMonth month = now.minusMonths(1); !month.isAfter(now.plusMonths(properties.monthsAhead()));
                month = month.plusMonths(1)) {
            if (!have.contains(month)) {
                create(new MonthPartition(month));
                made.add(month);
            }
        }
        return made;
    }

    /** Drops every partition whose whole month is older than the retention; returns those dropped. */
    public synchronized List<YearMonth> dropExpired() {
        Instant cutoff = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minus(properties.period()).toInstant();
        List<YearMonth> dropped = new ArrayList<>();
        for (YearMonth month : existing()) {
            MonthPartition partition = new MonthPartition(month);
            if (!partition.end().isAfter(cutoff)) {
                drop(partition, cutoff);
                dropped.add(month);
            }
        }
        return dropped;
    }

    private void create(MonthPartition p) {
        String name = p.name();
        String from = MonthPartition.literal(p.start());
        String to = MonthPartition.literal(p.end());
        transaction.executeWithoutResult(status -> {
            // New rows for this month would land in the default partition while we move its rows out.
            jdbc.execute("lock table audit_record_default in share row exclusive mode");
            jdbc.execute("create table " + name + " (like audit_record including defaults including constraints)");
            int moved = jdbc.update("insert into " + name + " select * from audit_record_default where event_time >= "
                    + from + " and event_time < " + to);
            if (moved > 0) {
                jdbc.update("delete from audit_record_default where event_time >= " + from + " and event_time < " + to);
                log.info("Moved {} audit rows from the default partition into {}", moved, name);
            }
            jdbc.execute("alter table audit_record attach partition " + name + " for values from (" + from + ") to (" + to + ")");
        });
        log.info("Created audit partition {}", name);
    }

    private void drop(MonthPartition p, Instant cutoff) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            Long rows = jdbc.queryForObject("select count(*) from " + p.name(), Long.class);
            jdbc.execute("drop table " + p.name());
            jdbc.update("delete from audit_event_id where event_time >= ? and event_time < ?",
                    OffsetDateTime.ofInstant(p.start(), ZoneOffset.UTC), OffsetDateTime.ofInstant(p.end(), ZoneOffset.UTC));
            jdbc.update("insert into audit_retention_drop (partition_name, range_start, range_end, dropped_at) values (?, ?, ?, ?) "
                    + "on conflict (partition_name) do update set dropped_at = excluded.dropped_at", p.name(),
                    OffsetDateTime.ofInstant(p.start(), ZoneOffset.UTC), OffsetDateTime.ofInstant(p.end(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            // Last: the store switches this transaction to the writer role.
            store.append(List.of(droppedEvent(p, rows == null ? 0 : rows, cutoff, now)));
        });
        log.info("Dropped audit partition {} (retention {})", p.name(), properties.period());
    }

    private AuditEntry droppedEvent(MonthPartition p, long rows, Instant cutoff, Instant now) {
        String payload = TtaJson.mapper().writeValueAsString(Map.of("partition", p.name(), "rangeStart",
                p.start().toString(), "rangeEnd", p.end().toString(), "rows", rows, "retention",
                properties.period().toString(), "cutoff", cutoff.toString()));
        return new AuditEntry(EventIds.newId(), "org.tta.audit.record.v1", "/tta/audit-sink", RecordKind.SYSTEM, now,
                new AuditEntry.Who("audit-sink", "service", null),
                new AuditEntry.What(DROPPED_ACTION, "audit.partition", p.name(), "success"),
                new AuditEntry.Where(null, "audit-sink", null, null), null, null, payload, Map.of(), null);
    }
}
