package org.tta.audit.review;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.audit.store.StoredAuditRecord;
import org.tta.audit.store.StoredAuditRecords;

/**
 * The reviewer's reads of {@code audit_record}, in the order (event time, seq). SQL text is assembled only from
 * the fixed fragments below; every value a caller gave is a bind parameter.
 */
@Repository
class ReviewQueries {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    ReviewQueries(JdbcTemplate jdbc, PlatformTransactionManager transactions, ReviewProperties properties) {
        this.jdbc = jdbc;
        // PostgreSQL only honours a fetch size inside a transaction (a cursor), so exports run in one.
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(properties.exportFetchSize());
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.readOnly.setTimeout((int) Math.min(Integer.MAX_VALUE, properties.exportTimeout().toSeconds()));
    }

    /** Up to {@code limit} records matching {@code filter} after {@code after} (exclusive; {@code null} = from the start). */
    List<StoredAuditRecord> page(RecordFilter filter, Position after, int limit) {
        Sql sql = where(filter, after);
        sql.args.add(limit);
        return jdbc.query("select " + StoredAuditRecords.COLUMNS + " from audit_record" + sql.where
                + " order by event_time, seq limit ?", StoredAuditRecords.MAPPER, sql.args.toArray());
    }

    /**
     * Every record matching {@code filter}, in order, handed to {@code each} as the driver fetches them
     * (a server-side cursor of {@code exportFetchSize} rows): memory stays flat however large the selection.
     */
    void stream(RecordFilter filter, RowConsumer each) {
        Sql sql = where(filter, null);
        readOnly.executeWithoutResult(status -> streaming.query(
                "select " + StoredAuditRecords.COLUMNS + " from audit_record" + sql.where + " order by event_time, seq",
                (RowCallbackHandler) rs -> each.accept(StoredAuditRecords.MAPPER.mapRow(rs, rs.getRow())),
                sql.args.toArray()));
    }

    /** Receives streamed rows; may throw to stop the stream. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(StoredAuditRecord record);
    }

    private static Sql where(RecordFilter filter, Position after) {
        Sql sql = new Sql();
        if (filter.sessionId() != null) {
            sql.and("session_id = ?", filter.sessionId());
        }
        if (filter.subject() != null) {
            sql.and("subject_id = ?", filter.subject());
        }
        sql.in("action", filter.actions());
        sql.in("severity", filter.severities());
        if (filter.from() != null) {
            sql.and("event_time >= ?", utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.and("event_time < ?", utc(filter.to()));
        }
        if (after != null) {
            sql.and("(event_time, seq) > (?, ?)", utc(after.occurredAt()), after.seq());
        }
        return sql;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static final class Sql {
        private final StringBuilder where = new StringBuilder();
        private final List<Object> args = new ArrayList<>();

        void and(String condition, Object... values) {
            where.append(where.isEmpty() ? " where " : " and ").append(condition);
            args.addAll(List.of(values));
        }

        void in(String column, List<String> values) {
            if (!values.isEmpty()) {
                and(column + " in (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")",
                        values.toArray());
            }
        }
    }
}
