package org.tta.audit.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.RowMapper;

/**
 * How readers select and map {@code audit_record} rows: select {@link #COLUMNS} (optionally with a
 * table alias through {@link #columns(String)}) and map with {@link #MAPPER}. The payload comes back
 * as PostgreSQL's jsonb text, which is also what the hash chain hashes.
 */
public final class StoredAuditRecords {

    /** Every column {@link #MAPPER} reads, unqualified. */
    public static final String COLUMNS = columns("");

    /** Maps one row of a select of {@link #COLUMNS}. Thread-safe. */
    public static final RowMapper<StoredAuditRecord> MAPPER = StoredAuditRecords::map;

    private StoredAuditRecords() {
    }

    /** {@link #COLUMNS} with each column prefixed by {@code alias.} (an empty alias means none). */
    public static String columns(String alias) {
        String p = alias == null || alias.isEmpty() ? "" : alias + ".";
        return String.join(", ", p + "seq", p + "event_id", p + "event_type", p + "event_source", p + "kind",
                p + "event_time", p + "stored_at", p + "subject_id", p + "subject_role", p + "client_id",
                p + "action", p + "resource_type", p + "resource_id", p + "outcome", p + "session_id",
                p + "source_service", p + "client_ip", p + "trace_id", p + "severity", p + "category",
                p + "payload::text as payload_text", p + "content_key_id", p + "content_nonce",
                p + "content_ciphertext", p + "chain_id", p + "chain_seq", p + "prev_hash", p + "row_hash");
    }

    private static StoredAuditRecord map(ResultSet rs, int rowNum) throws SQLException {
        byte[] ciphertext = rs.getBytes("content_ciphertext");
        EncryptedContent content = ciphertext == null ? null
                : new EncryptedContent(rs.getLong("content_key_id"), rs.getBytes("content_nonce"), ciphertext);
        return new StoredAuditRecord(rs.getLong("seq"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("event_source"), rs.getString("kind"), instant(rs, "event_time"),
                instant(rs, "stored_at"), rs.getString("subject_id"), rs.getString("subject_role"),
                rs.getString("client_id"), rs.getString("action"), rs.getString("resource_type"),
                rs.getString("resource_id"), rs.getString("outcome"), rs.getString("session_id"),
                rs.getString("source_service"), rs.getString("client_ip"), rs.getString("trace_id"),
                rs.getString("severity"), rs.getString("category"), rs.getString("payload_text"), content,
                new ChainLink(rs.getString("chain_id"), rs.getLong("chain_seq"), rs.getBytes("prev_hash"),
                        rs.getBytes("row_hash")));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
