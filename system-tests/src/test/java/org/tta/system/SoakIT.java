package org.tta.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tta.system.checks.Backlog;
import org.tta.system.checks.Report;
import org.tta.system.checks.ResourceSampler;
import org.tta.system.checks.ResourceSampler.Sample;
import org.tta.system.harness.ServiceProcess;
import org.tta.system.harness.SharedSystem;
import org.tta.system.harness.SystemUnderTest;
import org.tta.system.load.SteadyLoad;

/**
 * Issue 10, item 8: the same system at moderate load for 3 minutes (CI) or 30 ({@code -Dtta.system.size=long}),
 * sampling per service the heap after a full GC, live threads and open file descriptors, and the workers'
 * consumer lag. Flat means: the median of the last third of the samples is within the allowance of the
 * median of the first third (after a warm-up), and the lag never builds up.
 */
@ExtendWith(SharedSystem.class)
class SoakIT {

    private static final Duration WARM_UP = Duration.ofSeconds(30);
    /** Allowed growth, first third to last third: heap 32 MiB or 25 %, whichever is more; 10 threads; 25 descriptors. */
    private static final long HEAP_ALLOWANCE = 32L << 20;
    private static final long THREAD_ALLOWANCE = 10;
    private static final long FD_ALLOWANCE = 25;
    /** Lag allowed at any sample: a few seconds of the load's rate (moderate load: about 30 messages/s, 3 records each). */
    private static final long LAG_ALLOWANCE = 1000;

    @Test
    void heapThreadsFileDescriptorsAndLagStayFlatUnderModerateLoad(SystemUnderTest system) throws Exception {
        SystemSize size = SystemSize.fromProperties();
        Report report = new Report("Soak, " + size.name() + "-sized run (" + size.soakDuration().toMinutes() + " min)");
        List<Sample> samples = new ArrayList<>();
        try (SteadyLoad load = new SteadyLoad(system, size.sessions(), 0, size.interval())) {
            report.header("started " + Instant.now() + "; " + system.description());
            report.header(size.sessions() + " sessions posting one message every " + size.interval().toMillis()
                    + " ms each, 2 sockets per session; warm-up " + WARM_UP.toSeconds() + " s, then a sample every "
                    + size.soakSample().toSeconds() + " s (heap after jcmd GC.run, live threads, /proc/<pid>/fd, lag of "
                    + ResourceSampler.GROUPS + ")");
            load.start();
            SystemUnderTest.pause(WARM_UP);
            ResourceSampler sampler = new ResourceSampler(system);
            long begin = System.nanoTime();
            while (System.nanoTime() - begin < size.soakDuration().toNanos()) {
                samples.add(sampler.sample(Duration.ofNanos(System.nanoTime() - begin).toSeconds()));
                SystemUnderTest.pause(size.soakSample());
            }
            load.stopPosting();
            Optional<Duration> drained = new Backlog(system).awaitDrained(load.acked(), load.participants(), Duration.ofSeconds(60));
            report.check("after the load stopped, everything acknowledged was stored and delivered", drained.isPresent(),
                    load.acked().size() + " acknowledged; " + drained.map(d -> "drained within " + d.toSeconds() + " s")
                            .orElse("not drained within 60 s"));
            report.check("no response other than 2xx, 4xx for bad input, and 503 with Retry-After",
                    load.responses().violationCount() == 0, "violations: " + load.responses().violations());
            judge(report, system, samples);
        } finally {
            report.write(Path.of("target/reliability/soak.md"),
                    Path.of(System.getProperty("tta.system.docs", "../docs/reliability.md")), "soak-" + size.name(),
                    Boolean.getBoolean("tta.system.write-docs"));
        }
        assertThat(report.failed()).as(report.markdown()).isEmpty();
    }

    private static void judge(Report report, SystemUnderTest system, List<Sample> samples) {
        int third = Math.max(1, samples.size() / 3);
        List<Sample> first = samples.subList(0, third);
        List<Sample> last = samples.subList(samples.size() - third, samples.size());
        report.check("enough samples to compare", samples.size() >= 6, samples.size() + " samples");
        for (ServiceProcess service : system.services()) {
            String name = service.name();
            flat(report, name + ": heap after GC", first, last, s -> s.heapBytes().get(name),
                    before -> Math.max(HEAP_ALLOWANCE, before / 4), " MiB", 1 << 20);
            flat(report, name + ": live threads", first, last, s -> s.threads().get(name), before -> THREAD_ALLOWANCE, "", 1);
            flat(report, name + ": open file descriptors", first, last, s -> s.fileDescriptors().get(name),
                    before -> FD_ALLOWANCE, "", 1);
        }
        long maxLag = samples.stream().mapToLong(Sample::lag).max().orElse(0);
        report.check("worker lag stays below " + LAG_ALLOWANCE + " records", maxLag <= LAG_ALLOWANCE,
                "max " + maxLag + ", first third median " + ResourceSampler.median(first, Sample::lag)
                        + ", last third median " + ResourceSampler.median(last, Sample::lag));
    }

    private static void flat(Report report, String what, List<Sample> first, List<Sample> last,
                             Function<Sample, Long> column, Function<Long, Long> allowance, String unit, long scale) {
        long before = ResourceSampler.median(first, s -> column.apply(s));
        long after = ResourceSampler.median(last, s -> column.apply(s));
        long allowed = allowance.apply(before);
        report.check(what + " flat (growth <= " + allowed / scale + unit + ")", before >= 0 && after - before <= allowed,
                "first third median " + before / scale + unit + ", last third median " + after / scale + unit);
    }

}
