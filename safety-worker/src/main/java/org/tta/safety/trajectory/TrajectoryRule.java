package org.tta.safety.trajectory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.tta.safety.classify.Tier;

/**
 * The per-session trajectory rule: a {@link Tier#MODERATE} scan raises its tier one step (to {@link Tier#HIGH})
 * when, counting itself, the session had at least {@code threshold} moderate scans within {@code window} before it,
 * by scan record time. Only moderate scans count and only a moderate scan is raised: a low one never becomes an
 * escalation by repetition, and high or imminent ones escalate anyway. Record time (not the wall clock) keeps the
 * rule deterministic when a partition is replayed after a crash. Thread-safe (stateless).
 */
public final class TrajectoryRule {

    private final long windowMillis;
    private final int threshold;

    public TrajectoryRule(Duration window, int threshold) {
        this.windowMillis = window.toMillis();
        this.threshold = threshold;
    }

    /**
     * @param tier      the tier of the session's scan that the classifier gave
     * @param moderate  record times of the session's earlier moderate scans
     * @param timestamp this scan's record time
     */
    public Result apply(Tier tier, List<Long> moderate, long timestamp) {
        List<Long> kept = new ArrayList<>(moderate.size() + 1);
        for (long at : moderate) {
            if (at > timestamp - windowMillis) {
                kept.add(at);
            }
        }
        if (tier != Tier.MODERATE) {
            return new Result(tier, false, kept);
        }
        kept.add(timestamp);
        // Bounded: more than the threshold never changes the answer.
        while (kept.size() > threshold) {
            kept.remove(0);
        }
        boolean raised = kept.size() >= threshold;
        return new Result(raised ? tier.next() : tier, raised, kept);
    }

    /**
     * @param tier     the tier after the rule
     * @param raised   whether the rule raised it
     * @param moderate the moderate scan times to keep for the session
     */
    public record Result(Tier tier, boolean raised, List<Long> moderate) {
    }
}
