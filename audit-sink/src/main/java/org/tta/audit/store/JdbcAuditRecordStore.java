package org.tta.audit.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.schemas.payload.AuditRecord;

/** {@link AuditRecordStore} on plain JDBC: one batched insert per call, inside one transaction. */
@Repository
class JdbcAuditRecordStore implements AuditRecordStore {

    private static final String INSERT = """
            insert into audit_record (event_id, event_type, event_source, event_time, session_id, occurred_at,
                action, outcome, actor_id, actor_role, resource_type, resource_id, source_service,
                client_ip, trace_id, content, kafka_topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;

    private static final String SELECT = """
            select seq, event_id, session_id, action, outcome, actor_id, actor_role, resource_type, resource_id,
                source_service, occurred_at, stored_at, trace_id, %s as content
            from audit_record
            where session_id = ? and seq > ?
            order by seq
            limit ?
            """;
    private static final String SELECT_WITH_CONTENT = SELECT.formatted("content");
    private static final String SELECT_WITHOUT_CONTENT = SELECT.formatted("null::text");

    private static final RowMapper<StoredAuditRecord> ROW_MAPPER = (rs, rowNum) -> new StoredAuditRecord(
            rs.getString("event_id"), rs.getLong("seq"), rs.getString("session_id"), rs.getString("action"),
            rs.getString("outcome"), rs.getString("actor_id"), rs.getString("actor_role"),
            rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("source_service"),
            instant(rs, "occurred_at"), instant(rs, "stored_at"), rs.getString("trace_id"), rs.getString("content"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    JdbcAuditRecordStore(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public AppendResult append(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return AppendResult.NOTHING;
        }
        int[] counts = transaction.execute(status -> jdbc.batchUpdate(INSERT, new RowSetter(rows)));
        int stored = 0;
        int duplicates = 0;
        for (int count : counts) {
            // 0 = skipped by ON CONFLICT. SUCCESS_NO_INFO only appears if the driver rewrites
            // batches (reWriteBatchedInserts), which this store does not ask for.
            if (count == 0) {
                duplicates++;
            } else if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                stored++;
            }
        }
        return new AppendResult(stored, duplicates);
    }

    @Override
    public List<StoredAuditRecord> session(String sessionId, long after, int limit, boolean withContent) {
        return jdbc.query(withContent ? SELECT_WITH_CONTENT : SELECT_WITHOUT_CONTENT, ROW_MAPPER,
                sessionId, after, limit);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private record RowSetter(List<AuditRow> rows) implements BatchPreparedStatementSetter {

        @Override
        public void setValues(PreparedStatement ps, int i) throws SQLException {
            AuditRow row = rows.get(i);
            AuditRecord record = row.record();
            ps.setString(1, row.eventId());
            ps.setString(2, row.eventType());
            ps.setString(3, row.source());
            if (row.eventTime() == null) {
                ps.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(4, row.eventTime());
            }
            ps.setString(5, record.sessionId());
            ps.setObject(6, record.occurredAt().atOffset(ZoneOffset.UTC));
            ps.setString(7, record.action());
            ps.setString(8, record.outcome());
            ps.setString(9, record.actorId());
            ps.setString(10, record.actorRole());
            ps.setString(11, record.resourceType());
            ps.setString(12, record.resourceId());
            ps.setString(13, record.sourceService());
            ps.setString(14, record.clientIp());
            ps.setString(15, record.traceId());
            ps.setString(16, record.content());
            ps.setString(17, row.origin().topic());
            ps.setInt(18, row.origin().partition());
            ps.setLong(19, row.origin().offset());
        }

        @Override
        public int getBatchSize() {
            return rows.size();
        }
    }
}
