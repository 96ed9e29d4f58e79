package org.tta.audit.review.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Runs the {@link ReportKind} queries. Reports hold metadata only: no message text, no payloads. */
@Repository
public class ComplianceReports {

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    ComplianceReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code maxRows} rows of {@code kind} over {@code [from, to)}. */
    public Report run(ReportKind kind, Instant from, Instant to, int maxRows, String accessId) {
        List<Map<String, Object>> rows = jdbc.query(kind.sql(), (rs, n) -> row(kind, rs),
                utc(from), utc(to), maxRows + 1);
        boolean truncated = rows.size() > maxRows;
        return new Report(kind.path(), from, to, clock.instant(), kind.columns(),
                truncated ? rows.subList(0, maxRows) : rows, truncated, accessId);
    }

    private static Map<String, Object> row(ReportKind kind, ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        List<String> columns = kind.columns();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), value(rs.getObject(i + 1)));
        }
        return row;
    }

    private static Object value(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return value;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
