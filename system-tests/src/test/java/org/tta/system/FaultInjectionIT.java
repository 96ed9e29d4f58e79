package org.tta.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tta.system.checks.Backlog;
import org.tta.system.checks.EndChecks;
import org.tta.system.checks.Report;
import org.tta.system.checks.Trails;
import org.tta.system.harness.SharedSystem;
import org.tta.system.harness.SystemUnderTest;
import org.tta.system.load.Acked;
import org.tta.system.load.SteadyLoad;

/**
 * Issue 10, items 5 and 6: under steady load with clients that retry on 503 with the same Idempotency-Key,
 * kill -9 and restart in turn one broker, one gateway, one router, the safety-worker and the audit-sink, stop
 * Redis and PostgreSQL for 10 s each; then check that nothing acknowledged is lost, doubled or reordered, that
 * every crisis message opened exactly one escalation, that clients only saw the answers the API promises, and
 * that each fault's backlog drained within the stated time. The table goes to target/ and, with
 * {@code -Dtta.system.write-docs=true}, into docs/reliability.md.
 */
@ExtendWith(SharedSystem.class)
class FaultInjectionIT {

    @Test
    void nothingAcknowledgedIsLostDoubledOrReorderedWhileProcessesAreKilledAndRestarted(SystemUnderTest system)
            throws Exception {
        SystemSize size = SystemSize.fromProperties();
        Instant started = Instant.now();
        Report report = new Report("Fault injection, " + size.name() + "-sized run");
        try {
            List<Fault> faults = Fault.all(system);
            report.header("started " + started + "; " + system.description());
            try (SteadyLoad load = new SteadyLoad(system, size.sessions(), faults.size() * size.cycles() + 1, size.interval())) {
                report.header(size.sessions() + " sessions posting one message every " + size.interval().toMillis()
                        + " ms each (after the previous answer), 2 sockets per session, one crisis message per fault round "
                        + "plus one before; faults " + size.cycles() + "x: " + faults.stream().map(Fault::id).toList());
                load.start();
                load.postCrisis();
                Awaitility.await("steady load").atMost(Duration.ofSeconds(120)).until(() -> load.acked().size() >= 5L * size.sessions());
                Backlog backlog = new Backlog(system);
                for (int cycle = 0; cycle < size.cycles(); cycle++) {
                    for (Fault fault : faults) {
                        runRound(fault, load, backlog, size, report);
                    }
                }
                load.stopPosting();
                Optional<Duration> drained = backlog.awaitDrained(load.acked(), load.participants(), Duration.ofSeconds(120));
                report.check("after the load stopped, everything acknowledged was stored and delivered",
                        drained.isPresent(), drained.map(d -> "within " + d.toSeconds() + " s")
                                .orElse(backlog.missing(load.acked(), load.participants()) + " still missing after 120 s"));
                EndChecks.run(report, load, new Trails(system));
            }
            report.header("finished in " + seconds(started) + " s; logs of every process in system-tests/target/system/");
        } finally {
            report.write(Path.of("target/reliability/fault-injection.md"),
                    Path.of(System.getProperty("tta.system.docs", "../docs/reliability.md")), "fault-injection-" + size.name(),
                    Boolean.getBoolean("tta.system.write-docs"));
        }
        assertThat(report.failed()).as(report.markdown()).isEmpty();
    }

    private static void runRound(Fault fault, SteadyLoad load, Backlog backlog, SystemSize size, Report report) {
        Instant injected = Instant.now();
        fault.inject().run();
        load.postCrisis();
        SystemUnderTest.pause(fault.down());
        double down = seconds(injected);
        fault.recover().run();
        double recovered = seconds(injected);
        List<Acked> acknowledged = List.copyOf(load.acked());
        Optional<Duration> drained = backlog.awaitDrained(acknowledged, load.participants(), size.drainBudget());
        report.round(new Report.Round(fault.name(), fault.injection(), down, recovered,
                drained.map(d -> String.format("%.1f", d.toMillis() / 1000.0)).orElse("> " + size.drainBudget().toSeconds()),
                drained.isPresent()));
        report.check("backlog of " + fault.name() + " drained within " + size.drainBudget().toSeconds() + " s of recovery",
                drained.isPresent(), acknowledged.size() + " messages acknowledged by then");
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
