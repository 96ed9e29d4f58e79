package org.tta.audit.api;

import java.util.List;

/**
 * A page of one session's audit trail, in stored order.
 *
 * @param records the records, {@code seq} ascending
 * @param next    the {@code after} value that reads the next page, or {@code null} when this page is the last one
 */
record AuditRecordsPage(List<AuditRecordView> records, Long next) {
}
