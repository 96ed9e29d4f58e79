package org.tta.safety.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.tta.schemas.events.EventTypes;

/**
 * The worker's counters. Counts are of processing attempts: a transaction aborted by a crash is counted and then
 * processed again, so they can run slightly ahead of the committed output.
 */
final class SafetyMetrics {

    private final MeterRegistry meters;
    private final String scansTopic;

    SafetyMetrics(MeterRegistry meters, String scansTopic) {
        this.meters = meters;
        this.scansTopic = scansTopic;
    }

    /** A scan record was read; {@code outcome} is a verdict outcome or {@code dead_lettered}. */
    void scan(String outcome) {
        Counter.builder("tta.safety.scans").description("Scan records processed, by outcome")
                .tag("outcome", outcome).register(meters).increment();
        // The worker-wide record count every worker exports.
        Counter.builder("tta.worker.records").description("Records a worker consumed, by topic and CloudEvents type")
                .tag("worker", Events.SERVICE).tag("topic", scansTopic).tag("type", EventTypes.SAFETY_SCAN)
                .register(meters).increment();
    }

    void verdict(String tier) {
        Counter.builder("tta.safety.verdicts").description("Verdicts published, by tier after the trajectory rule")
                .tag("tier", tier).register(meters).increment();
    }

    void step(String step) {
        Counter.builder("tta.safety.escalation.steps").description("Escalation steps published, by step")
                .tag("step", step).register(meters).increment();
    }

    /** {@code outcome}: applied, denied (state did not allow it) or dead_lettered (undecodable). */
    void command(String outcome) {
        Counter.builder("tta.safety.escalation.commands").description("Escalation commands processed, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }
}
