package org.tta.audit.review;

import java.util.List;

/**
 * One page of records in the reviewer order.
 *
 * @param records the records, by event time then seq
 * @param limit   the page size applied (the asked size, capped at {@code tta.audit.review.max-page-size})
 * @param next    the cursor of the next page, or {@code null} when this page is the last
 * @param accessId the event id of the {@code audit.accessed} record this read wrote
 */
record ReviewPage(List<ReviewRecord> records, int limit, String next, String accessId) {
}
