package org.tta.router.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the loop commits the finished prefixes of its partitions. Each commit is one Kafka
 * transaction, and a busy webhook lane finishes a few records at a time, so committing whenever a
 * prefix grows makes many small transactions. A commit is due when records are finished and
 * uncommitted and either {@code interval} has passed since the last commit (the first commit of a
 * run is due at once) or {@code batch} records wait. Until then they are held a little longer:
 * their offsets and Kafka outputs (Kafka sinks, deliveries, dead letters) become visible up to
 * {@code interval} later. {@link #pollTimeout} keeps the next poll no longer than the time left, so
 * an idle loop commits on time. Loop thread only.
 */
final class CommitCadence {

    private final Clock clock;
    private final Duration interval;
    private final int batch;
    private Instant last;

    CommitCadence(Clock clock, Duration interval, int batch) {
        this.clock = clock;
        this.interval = interval;
        this.batch = batch;
    }

    /** Whether {@code waiting} finished, uncommitted records are to be committed now. */
    boolean due(int waiting) {
        return waiting > 0 && (waiting >= batch || left().isZero());
    }

    /** A commit was made (or tried): the interval starts again. */
    void committed() {
        last = clock.instant();
    }

    /**
     * The poll timeout when the loop alone would wait {@code wanted}: no longer than the time left
     * until the commit of {@code waiting} records is due (zero once it is due).
     */
    Duration pollTimeout(Duration wanted, int waiting) {
        if (waiting == 0) {
            return wanted;
        }
        Duration left = waiting >= batch ? Duration.ZERO : left();
        return left.compareTo(wanted) < 0 ? left : wanted;
    }

    /** Time until the interval since the last commit has passed; zero if it has, or if the clock went back. */
    private Duration left() {
        if (last == null) {
            return Duration.ZERO;
        }
        Duration elapsed = Duration.between(last, clock.instant());
        if (elapsed.isNegative() || elapsed.compareTo(interval) >= 0) {
            return Duration.ZERO;
        }
        return interval.minus(elapsed);
    }
}
