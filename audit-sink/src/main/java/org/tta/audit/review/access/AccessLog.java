package org.tta.audit.review.access;

/**
 * Records every read of the audit trail in the trail itself, before the read is answered.
 *
 * <p>Guarantee: when {@link #record} returns, the {@code audit.accessed} row is committed to PostgreSQL (the
 * system of record) in the reader's session chain; when it throws, nothing has been read yet and the caller
 * answers 503. There is no window in which a reader saw data whose access is not on record, and no queue that
 * could drop the record (unlike publishing to Kafka and hoping the sink stores it later).
 */
public interface AccessLog {

    /**
     * @return the event id of the stored {@code audit.accessed} record
     * @throws AccessNotRecordedException if it could not be stored
     */
    String record(Access access);
}
