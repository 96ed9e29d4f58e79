package org.tta.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarks' physical limit against a broker that lives in a test JVM (the test kit's in-JVM KRaft broker):
 * runs {@code bench/tools/kafka-perf.sh <bootstrap>} (Kafka's own ProducerPerformance in a JVM of its own, 1 KiB
 * records, acks=all, idempotence on) while this JVM, and so its broker, is up. The script's path comes from the
 * system property {@code bench.limit.script}, set by the {@code bench/} scripts; without it nothing is measured.
 * Each run's one result line ({@code LIMIT records_per_s=... p50_ms=... p99_ms=...}) is returned, in order.
 */
public final class PhysicalLimit {

    /** The script's own timeouts add up to about 12 minutes; this bounds the wait should it hang anyway. */
    private static final long TIMEOUT_MINUTES = 15;

    private PhysicalLimit() {
    }

    /** {@code runs} measurements against {@code bootstrapServers}; empty when {@code bench.limit.script} is unset. */
    public static List<String> measure(String bootstrapServers, int runs) throws IOException, InterruptedException {
        String script = System.getProperty("bench.limit.script", "");
        return script.isBlank() ? List.of() : measure(Path.of(script), bootstrapServers, runs);
    }

    /** {@code runs} runs of {@code script}, each giving its last LIMIT line; fails when a run gives none. */
    static List<String> measure(Path script, String bootstrapServers, int runs) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            lines.add(once(script, bootstrapServers));
        }
        return lines;
    }

    private static String once(Path script, String bootstrapServers) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kafka-perf", ".txt");
        try {
            Process process = new ProcessBuilder(script.toString(), bootstrapServers)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            List<String> result = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("LIMIT ")).toList();
            if (process.exitValue() != 0 || result.isEmpty()) {
                throw new IllegalStateException(script + " failed (exit " + process.exitValue() + ") against " + bootstrapServers);
            }
            return result.getLast();
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
