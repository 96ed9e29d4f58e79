package org.tta.safety.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.tta.safety.escalation.EscalationStep;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.SafetyEscalation;

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

    /**
     * An escalation step was published: counted by step and the route after it; a step that made a review escalation
     * a page is also counted as a conversion, by its cause ({@code deadline}: nobody acknowledged the review in time;
     * {@code rules}: a page signal in its episode).
     */
    void step(EscalationStep step) {
        Counter.builder("tta.safety.escalation.steps").description("Escalation steps published, by step and route")
                .tag("step", step.step()).tag("route", step.after().route().wireName()).register(meters).increment();
        if (step.paged()) {
            String cause = SafetyEscalation.STEP_RE_ESCALATED.equals(step.step()) ? "deadline" : "rules";
            Counter.builder("tta.safety.escalation.review.conversions")
                    .description("Review escalations that became a page to the on-call clinicians, by cause")
                    .tag("cause", cause).register(meters).increment();
        }
    }

    /** {@code outcome}: applied, denied (state did not allow it) or dead_lettered (undecodable). */
    void command(String outcome) {
        Counter.builder("tta.safety.escalation.commands").description("Escalation commands processed, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }
}
