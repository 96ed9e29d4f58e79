package org.tta.testkit;

/** Test kit settings: a system property wins over the environment variable of the same name. */
final class Settings {

    static final String MODE = "TTA_TESTKIT_MODE";
    static final String KEEP_DATA = "TTA_TESTKIT_KEEP_DATA";
    static final String REDIS_URL = "TTA_TEST_REDIS_URL";
    static final String JDBC_URL = "TTA_TEST_JDBC_URL";
    static final String JDBC_USER = "TTA_TEST_JDBC_USER";
    static final String JDBC_PASSWORD = "TTA_TEST_JDBC_PASSWORD";
    static final String KAFKA_IMAGE = "TTA_TESTKIT_KAFKA_IMAGE";
    static final String REDIS_IMAGE = "TTA_TESTKIT_REDIS_IMAGE";
    static final String POSTGRES_IMAGE = "TTA_TESTKIT_POSTGRES_IMAGE";

    private Settings() {
    }

    static String get(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
