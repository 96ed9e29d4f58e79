package org.tta.audit.store;

import java.util.List;

/** The audit trail in PostgreSQL, the system of record. Implementations are thread-safe. */
public interface AuditRecordStore {

    /**
     * Appends rows in the given order, all in one transaction: either every new row is durable
     * when this returns, or it throws and none is. Idempotent on the event id: a row whose event
     * id is already stored (or appears earlier in the same call) is skipped and counted as a
     * duplicate. Rows of one call get ascending {@code seq} values in list order.
     */
    AppendResult append(List<AuditRow> rows);

    /**
     * Up to {@code limit} records of one session with {@code seq > after}, in stored order.
     *
     * @param withContent whether to read the content column at all (roles without access never load it)
     */
    List<StoredAuditRecord> session(String sessionId, long after, int limit, boolean withContent);

    /** What an {@link #append} did. */
    record AppendResult(int stored, int duplicates) {
        public static final AppendResult NOTHING = new AppendResult(0, 0);
    }
}
