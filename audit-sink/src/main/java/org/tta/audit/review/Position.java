package org.tta.audit.review;

import java.time.Instant;

/**
 * Where a page ended in the reviewer order: records sort by event time, then by their stored sequence number,
 * which is unique, so the order is total and stable while new records arrive.
 *
 * @param occurredAt the event time of the last record of the page
 * @param seq        its sequence number
 */
public record Position(Instant occurredAt, long seq) {
}
