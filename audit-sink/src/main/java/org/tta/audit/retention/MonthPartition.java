package org.tta.audit.retention;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One monthly partition of {@code audit_record}: {@code audit_record_pYYYYMM} holds event times in that UTC month. */
record MonthPartition(YearMonth month) {

    private static final Pattern NAME = Pattern.compile("^audit_record_p(\\d{4})(\\d{2})$");

    static Optional<MonthPartition> fromName(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(new MonthPartition(YearMonth.of(Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2))))) : Optional.empty();
    }

    String name() {
        return "audit_record_p%04d%02d".formatted(month.getYear(), month.getMonthValue());
    }

    Instant start() {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A timestamptz literal for DDL (which takes no bind parameters); built from numbers only. */
    static String literal(Instant instant) {
        return "'" + instant.toString() + "'";
    }
}
