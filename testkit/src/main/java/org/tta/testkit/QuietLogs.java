package org.tta.testkit;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Keeps the in-JVM broker and the client libraries from flooding test output. Tests start the infrastructure
 * before Spring Boot configures logging (when an unconfigured Logback logs everything at DEBUG), and Spring Boot
 * later resets levels from {@code logging.level.*}, so both are set; any level already chosen is left alone.
 */
final class QuietLogs {

    /** Loggers only the in-JVM broker uses; kept at WARN for the whole run. */
    private static final List<String> BROKER = List.of("kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.raft", "org.apache.kafka.controller",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.coordinator",
            "org.apache.kafka.storage", "org.apache.kafka.common.test", "org.apache.kafka.queue",
            "org.apache.kafka.snapshot", "org.apache.kafka.security", "org.apache.kafka.network");

    /** Loggers that are only noisy while the infrastructure starts, before the test configures logging. */
    private static final List<String> START_UP = List.of("org.apache.kafka", "io.netty", "io.lettuce",
            "reactor", "org.postgresql", "org.testcontainers", "com.github.dockerjava", "tc", "org.rnorth");

    private QuietLogs() {
    }

    /** Harmless when the broker runs in a container: then nothing logs under the broker's names. */
    static void whileStarting() {
        LoggingSystem logging = loggingSystem();
        if (logging == null) {
            return;
        }
        START_UP.forEach(name -> quiet(logging, name));
        BROKER.forEach(name -> {
            quiet(logging, name);
            if (System.getProperty("logging.level." + name) == null) {
                System.setProperty("logging.level." + name, "WARN");
            }
        });
    }

    /** Runs {@code action} with {@code name} switched off, then puts back the level it had. */
    static <T> T silenced(String name, Supplier<T> action) {
        LoggingSystem logging = loggingSystem();
        if (logging == null) {
            return action.get();
        }
        LoggerConfiguration before = logging.getLoggerConfiguration(name);
        logging.setLogLevel(name, LogLevel.OFF);
        try {
            return action.get();
        } finally {
            logging.setLogLevel(name, before == null ? null : before.getConfiguredLevel());
        }
    }

    private static void quiet(LoggingSystem logging, String name) {
        LoggerConfiguration current = logging.getLoggerConfiguration(name);
        if (current == null || current.getConfiguredLevel() == null) {
            logging.setLogLevel(name, LogLevel.WARN);
        }
    }

    private static LoggingSystem loggingSystem() {
        try {
            return LoggingSystem.get(QuietLogs.class.getClassLoader());
        } catch (RuntimeException | LinkageError e) {
            return null; // no supported logging library: nothing to quiet
        }
    }
}
