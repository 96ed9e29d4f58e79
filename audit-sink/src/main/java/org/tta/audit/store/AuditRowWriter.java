package org.tta.audit.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/** One batched insert of linked rows into {@code audit_record}. */
final class AuditRowWriter {

    private static final String INSERT = """
            insert into audit_record (event_id, event_type, event_source, kind, event_time, stored_at,
                subject_id, subject_role, client_id, action, resource_type, resource_id, outcome,
                session_id, source_service, client_ip, trace_id, severity, category, payload,
                content_key_id, content_nonce, content_ciphertext, chain_id, chain_seq, prev_hash, row_hash,
                kafka_topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;

    AuditRowWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<StoredAuditRecord> rows, List<AuditEntry> entries) {
        jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                set(ps, rows.get(i), entries.get(i).origin());
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    private static void set(PreparedStatement ps, StoredAuditRecord r, AuditEntry.KafkaOrigin origin)
            throws SQLException {
        int c = 1;
        ps.setString(c++, r.eventId());
        ps.setString(c++, r.eventType());
        ps.setString(c++, r.eventSource());
        ps.setString(c++, r.kind());
        ps.setObject(c++, OffsetDateTime.ofInstant(r.eventTime(), ZoneOffset.UTC));
        ps.setObject(c++, OffsetDateTime.ofInstant(r.storedAt(), ZoneOffset.UTC));
        ps.setString(c++, r.subjectId());
        ps.setString(c++, r.subjectRole());
        ps.setString(c++, r.clientId());
        ps.setString(c++, r.action());
        ps.setString(c++, r.resourceType());
        ps.setString(c++, r.resourceId());
        ps.setString(c++, r.outcome());
        ps.setString(c++, r.sessionId());
        ps.setString(c++, r.sourceService());
        ps.setString(c++, r.clientIp());
        ps.setString(c++, r.traceId());
        ps.setString(c++, r.severity());
        ps.setString(c++, r.category());
        ps.setString(c++, r.payloadJson());
        if (r.content() == null) {
            ps.setNull(c++, Types.BIGINT);
            ps.setNull(c++, Types.BINARY);
            ps.setNull(c++, Types.BINARY);
        } else {
            ps.setLong(c++, r.content().dataKeyId());
            ps.setBytes(c++, r.content().nonce());
            ps.setBytes(c++, r.content().ciphertext());
        }
        ps.setString(c++, r.chain().chainId());
        ps.setLong(c++, r.chain().seq());
        ps.setBytes(c++, r.chain().prevHash());
        ps.setBytes(c++, r.chain().hash());
        if (origin == null) {
            ps.setNull(c++, Types.VARCHAR);
            ps.setNull(c++, Types.INTEGER);
            ps.setNull(c, Types.BIGINT);
        } else {
            ps.setString(c++, origin.topic());
            ps.setInt(c++, origin.partition());
            ps.setLong(c, origin.offset());
        }
    }
}
