package org.tta.audit.phi;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.SecretKey;

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
 * Moves the data keys wrapped by retired KEKs under the active KEK:
 * {@code find keys under other KEKs -> unwrap with their KEK -> wrap with the active one -> update the key row ->
 * record the rewrap}. Only {@code audit_data_key} changes, in place: the data key itself stays the same, so no
 * audit row (its ciphertext, its key id, its hash) is touched. Once no key names a KEK any more, that KEK can be
 * removed from configuration.
 *
 * <p>Runs as the table owner (the writer role may only insert data keys), in batches of {@value #BATCH}, one
 * transaction each, with an {@code audit.keys.rewrapped} event appended to the trail in the same transaction.
 * The update is conditional on the key still naming the KEK it was read with, so two instances running at once
 * cannot undo each other. Keys whose KEK is not configured are left alone and counted.
 */
@Component
public class DataKeyRewrap {

    static final String ACTION = "audit.keys.rewrapped";
    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(DataKeyRewrap.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CryptoProperties properties;
    private final AuditRecordStore store;
    private final Clock clock;

    public DataKeyRewrap(JdbcTemplate jdbc, TransactionTemplate transaction, CryptoProperties properties,
            AuditRecordStore store, @Qualifier("auditClock") Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.store = store;
        this.clock = clock;
    }

    /**
     * What one run did.
     *
     * @param rewrapped      keys now wrapped by {@code activeKekId}, by the KEK that wrapped them before
     * @param unavailable    keys left as they were because their KEK is not configured, by that KEK
     * @param activeKekId    the KEK they now name
     */
    public record Result(Map<String, Integer> rewrapped, Map<String, Integer> unavailable, String activeKekId) {

        public int total() {
            return rewrapped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Re-wraps every data key not wrapped by the active KEK; safe to run again at any time. */
    public Result rewrapToActive() {
        String active = properties.activeKekId();
        Map<String, Integer> rewrapped = new TreeMap<>();
        Map<String, Integer> unavailable = new TreeMap<>();
        long after = 0;
        while (true) {
            List<KeyRow> rows = jdbc.query("select id, kek_id, wrap_nonce, wrapped_key from audit_data_key "
                    + "where kek_id <> ? and id > ? order by id limit ?",
                    (rs, n) -> new KeyRow(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)),
                    active, after, BATCH);
            if (rows.isEmpty()) {
                break;
            }
            after = rows.getLast().id();
            transaction.executeWithoutResult(status -> rewrapBatch(rows, active, rewrapped, unavailable));
        }
        if (!unavailable.isEmpty()) {
            log.warn("Audit data keys wrapped by KEKs that are not configured were left as they are: {}", unavailable);
        }
        return new Result(Map.copyOf(rewrapped), Map.copyOf(unavailable), active);
    }

    private void rewrapBatch(List<KeyRow> rows, String active, Map<String, Integer> rewrapped,
            Map<String, Integer> unavailable) {
        byte[] activeKek = properties.kekBytes(active);
        Map<String, Integer> moved = new TreeMap<>();
        for (KeyRow row : rows) {
            byte[] oldKek = properties.kekBytes(row.kekId());
            if (oldKek == null) {
                unavailable.merge(row.kekId(), 1, Integer::sum);
                continue;
            }
            SecretKey key;
            try {
                key = KeyWrapping.unwrap(oldKek, row.kekId(), row.nonce(), row.wrapped());
            } catch (GeneralSecurityException e) {
                throw new ContentUnavailableException("Data key " + row.id() + " does not unwrap with KEK '"
                        + row.kekId() + "'", e);
            }
            KeyWrapping.Wrapped wrapped = KeyWrapping.wrap(activeKek, active, key.getEncoded());
            int updated = jdbc.update("update audit_data_key set kek_id = ?, wrap_nonce = ?, wrapped_key = ? "
                    + "where id = ? and kek_id = ?", active, wrapped.nonce(), wrapped.key(), row.id(), row.kekId());
            if (updated == 1) {
                moved.merge(row.kekId(), 1, Integer::sum);
            }
        }
        if (!moved.isEmpty()) {
            // Last: the store switches this transaction to the writer role.
            store.append(List.of(rewrapEvent(moved, active, clock.instant())));
            moved.forEach((kek, count) -> rewrapped.merge(kek, count, Integer::sum));
            log.info("Re-wrapped {} audit data keys under KEK '{}' (from {})", moved.values().stream()
                    .mapToInt(Integer::intValue).sum(), active, new TreeSet<>(moved.keySet()));
        }
    }

    private static AuditEntry rewrapEvent(Map<String, Integer> moved, String active, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("toKek", active);
        payload.put("fromKeks", moved);
        return new AuditEntry(EventIds.newId(), "org.tta.audit.record.v1", "/tta/audit-sink", RecordKind.SYSTEM, now,
                new AuditEntry.Who("audit-sink", "service", null),
                new AuditEntry.What(ACTION, "audit.data_key", active, "success"),
                new AuditEntry.Where(null, "audit-sink", null, null), null, null,
                TtaJson.mapper().writeValueAsString(payload), Map.of(), null);
    }

    private record KeyRow(long id, String kekId, byte[] nonce, byte[] wrapped) {
    }
}
