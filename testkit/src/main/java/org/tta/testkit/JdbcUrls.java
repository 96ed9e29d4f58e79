package org.tta.testkit;

/** Adds driver parameters to a PostgreSQL JDBC URL that may already carry some (Testcontainers adds loggerLevel). */
final class JdbcUrls {

    private JdbcUrls() {
    }

    static String withSchema(String jdbcUrl, String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
