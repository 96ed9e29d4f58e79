package org.tta.audit.review.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A compliance report: its rows as objects keyed by {@code columns}.
 *
 * @param truncated whether more rows matched than {@code tta.audit.review.report-max-rows}
 * @param accessId  the event id of the {@code audit.accessed} record this report wrote
 */
public record Report(String report, Instant from, Instant to, Instant generatedAt, List<String> columns,
        List<Map<String, Object>> rows, boolean truncated, String accessId) {
}
