package org.tta.audit.store;

import java.util.List;

/** The audit trail in PostgreSQL, the system of record. Implementations are thread-safe. */
public interface AuditRecordStore {

    /**
     * Appends entries in the given order, all in one transaction: either every new row is durable
     * when this returns, or it throws and none is. Idempotent on the event id: an entry whose event
     * id is already stored (or appears earlier in the same call) is skipped and counted as a
     * duplicate. New rows extend their chains in list order; message text is encrypted.
     */
    AppendResult append(List<AuditEntry> entries);

    /**
     * Up to {@code limit} rows of one session with {@code seq > after}, in stored order. Message
     * text stays encrypted (see {@code ContentDecryptor}).
     */
    List<StoredAuditRecord> session(String sessionId, long after, int limit);

    /** What an {@link #append} did. */
    record AppendResult(int stored, int duplicates) {
        public static final AppendResult NOTHING = new AppendResult(0, 0);
    }
}
