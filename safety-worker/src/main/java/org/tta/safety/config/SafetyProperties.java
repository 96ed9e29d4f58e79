package org.tta.safety.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the safety-worker ({@code tta.safety.*}).
 *
 * @param classifier the guard around the classifier call
 * @param trajectory the per-session rule that raises repeated moderate signals
 * @param escalation episodes, acknowledgement deadlines and re-escalation
 */
@Validated
@ConfigurationProperties("tta.safety")
public record SafetyProperties(
        @DefaultValue @Valid @NotNull Classifier classifier,
        @DefaultValue @Valid @NotNull Trajectory trajectory,
        @DefaultValue @Valid @NotNull Escalation escalation) {

    /**
     * @param timeout how long a stream thread waits for one classification before the scan is decided without it
     * @param threads threads that run classifications (a hung call holds one; when all are held, scans are decided
     *                at once without the classifier)
     */
    public record Classifier(
            @DefaultValue("2s") @NotNull Duration timeout,
            @DefaultValue("4") @Min(1) @Max(64) int threads) {
    }

    /**
     * @param window    how far back moderate signals of a session count (by scan record time)
     * @param threshold how many moderate signals within the window (this one included) raise the tier one step
     */
    public record Trajectory(
            @DefaultValue("30m") @NotNull Duration window,
            @DefaultValue("3") @Min(2) @Max(100) int threshold) {
    }

    /**
     * @param episodeWindow         a crisis signal within this time of the last one updates the session's open
     *                              escalation instead of opening another
     * @param ackDeadline           time to acknowledge, per tier
     * @param reEscalationInterval  after a re-escalation, time to acknowledge at the next on-call level
     * @param maxOnCallLevel        the highest on-call level; re-escalations past it page that level again
     * @param punctuationInterval   how often deadlines are checked
     * @param resolvedRetention     how long the escalation API keeps showing a resolved escalation (the read model
     *                              drops it afterwards; the escalation topic and the audit trail keep every step)
     */
    public record Escalation(
            @DefaultValue("24h") @NotNull Duration episodeWindow,
            @DefaultValue @Valid @NotNull AckDeadline ackDeadline,
            @DefaultValue("5m") @NotNull Duration reEscalationInterval,
            @DefaultValue("3") @Min(0) @Max(20) int maxOnCallLevel,
            @DefaultValue("5s") @NotNull Duration punctuationInterval,
            @DefaultValue("7d") @NotNull Duration resolvedRetention) {

        public Escalation {
            if (resolvedRetention != null && (resolvedRetention.isNegative() || resolvedRetention.isZero())) {
                throw new IllegalArgumentException("tta.safety.escalation.resolved-retention must be positive");
            }
        }
    }

    /**
     * @param imminent time to acknowledge an imminent escalation
     * @param high     time to acknowledge a high one
     * @param review   time for the clinical review queue to acknowledge a review escalation (a raise of the
     *                 statistical signal alone) before it becomes a page to the on-call clinicians
     */
    public record AckDeadline(
            @DefaultValue("2m") @NotNull Duration imminent,
            @DefaultValue("10m") @NotNull Duration high,
            @DefaultValue("10m") @NotNull Duration review) {

        public AckDeadline {
            positive("imminent", imminent);
            positive("high", high);
            positive("review", review);
        }

        private static void positive(String name, Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException("tta.safety.escalation.ack-deadline." + name + " must be positive");
            }
        }
    }
}
