package org.tta.audit.review;

import java.util.List;

/**
 * One page of a session's timeline: messages, safety verdicts, escalations, consent changes and reads of the
 * trail, by event time then seq.
 *
 * @param sessionId the session
 * @param entries   the records; {@code lane} tells what each one is
 * @param limit     the page size applied
 * @param next      the cursor of the next page, or {@code null} when this page is the last
 * @param accessId  the event id of the {@code audit.accessed} record this read wrote
 */
record TimelinePage(String sessionId, List<ReviewRecord> entries, int limit, String next, String accessId) {
}
