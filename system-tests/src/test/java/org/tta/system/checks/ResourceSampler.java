package org.tta.system.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.tta.system.harness.ServiceProcess;
import org.tta.system.harness.SystemUnderTest;

/**
 * Samples what must stay flat in a soak: per service the heap after a full GC ({@code jcmd <pid> GC.run}, then
 * the service's own {@code jvm_memory_used_bytes{area="heap"}}), its live threads, its open file descriptors
 * ({@code /proc/<pid>/fd}); and the lag of the workers' consumer groups (committed offsets against the
 * read_committed end offsets).
 */
public final class ResourceSampler {

    /** The consumer groups of the router, the audit-sink and the safety-worker's Streams application. */
    public static final List<String> GROUPS = List.of("event-router", "audit-sink", "safety-worker");
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.Ee+-]+)$",
            Pattern.MULTILINE);
    private static final Pattern THREADS = Pattern.compile("^jvm_threads_live_threads(?:\\{[^}]*})? ([0-9.Ee+-]+)$",
            Pattern.MULTILINE);

    public record Sample(long elapsedSeconds, Map<String, Long> heapBytes, Map<String, Long> threads,
                         Map<String, Long> fileDescriptors, long lag) {
    }

    private final SystemUnderTest system;
    private final String jcmd;

    public ResourceSampler(SystemUnderTest system) {
        this.system = system;
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        this.jcmd = java.resolveSibling("jcmd").toString();
    }

    public Sample sample(long elapsedSeconds) throws Exception {
        Map<String, Long> heap = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> fds = new HashMap<>();
        for (ServiceProcess service : system.services()) {
            long pid = service.process().pid();
            fullGc(pid);
            String metrics = service.metrics();
            heap.put(service.name(), sum(HEAP, metrics));
            threads.put(service.name(), sum(THREADS, metrics));
            fds.put(service.name(), openFileDescriptors(pid));
        }
        return new Sample(elapsedSeconds, heap, threads, fds, lag());
    }

    private void fullGc(long pid) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(30, TimeUnit.SECONDS)) {
            gc.destroyForcibly();
        }
    }

    private static long openFileDescriptors(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    /** Records the workers' groups have not consumed yet, summed over their partitions. */
    public long lag() throws Exception {
        Admin admin = system.kafka.admin();
        long lag = 0;
        for (String group : GROUPS) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(10, TimeUnit.SECONDS);
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
        }
        return lag;
    }

    private static long sum(Pattern pattern, String metrics) {
        Matcher m = pattern.matcher(metrics);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            found = true;
        }
        return found ? Math.round(total) : -1;
    }

    /** Median of a column over some samples. */
    public static long median(List<Sample> samples, java.util.function.ToLongFunction<Sample> column) {
        List<Long> values = new ArrayList<>(samples.stream().map(column::applyAsLong).toList());
        values.sort(Long::compare);
        return values.isEmpty() ? 0 : values.get(values.size() / 2);
    }
}
