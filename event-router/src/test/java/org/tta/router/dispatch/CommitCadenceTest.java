package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.router.support.ManualClock;

class CommitCadenceTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int BATCH = 500;
    private static final Duration BUSY_POLL = Duration.ofMillis(10);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final CommitCadence cadence = new CommitCadence(clock, INTERVAL, BATCH);

    /** One decision after a commit: the time since it, the records waiting, due or not, the poll timeout. */
    record Case(String name, Duration sinceCommit, int waiting, boolean due, Duration wanted, Duration pollTimeout) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> afterACommit() {
        return Stream.of(
                new Case("nothing waiting: never due, the loop's own timeout", Duration.ofHours(1), 0, false, IDLE_POLL,
                        IDLE_POLL),
                new Case("a few waiting within the interval: held, idle poll cut to the time left", Duration.ofMillis(30),
                        3, false, IDLE_POLL, Duration.ofMillis(70)),
                new Case("a few waiting within the interval: busy poll stays short", Duration.ofMillis(30), 3, false,
                        BUSY_POLL, BUSY_POLL),
                new Case("a few waiting once the interval passed: due, poll at once", INTERVAL, 3, true, IDLE_POLL,
                        Duration.ZERO),
                new Case("a batch waiting within the interval: due, poll at once", Duration.ofMillis(1), BATCH, true,
                        IDLE_POLL, Duration.ZERO),
                new Case("one short of a batch within the interval: held", Duration.ofMillis(1), BATCH - 1, false,
                        IDLE_POLL, Duration.ofMillis(99)));
    }

    @ParameterizedTest
    @MethodSource("afterACommit")
    void decidesFromTheTimeSinceTheLastCommitAndTheRecordsWaiting(Case c) {
        cadence.committed();
        clock.advance(c.sinceCommit());

        assertThat(cadence.due(c.waiting())).isEqualTo(c.due());
        assertThat(cadence.pollTimeout(c.wanted(), c.waiting())).isEqualTo(c.pollTimeout());
    }

    @Test
    void commitsTheFirstFinishedRecordOfARunAtOnce() {
        assertThat(cadence.due(1)).isTrue();
        assertThat(cadence.pollTimeout(IDLE_POLL, 1)).isZero();
    }

    @Test
    void anIdleLoopWaitsNoLongerThanTheIntervalThenCommits() {
        cadence.committed();
        clock.advance(Duration.ofMillis(40));
        assertThat(cadence.due(1)).isFalse();
        Duration timeout = cadence.pollTimeout(IDLE_POLL, 1);

        clock.advance(timeout);

        assertThat(cadence.due(1)).isTrue();
    }

    @Test
    void startsTheIntervalAgainAfterEachCommit() {
        cadence.committed();
        clock.advance(INTERVAL);
        assertThat(cadence.due(1)).isTrue();

        cadence.committed();

        assertThat(cadence.due(1)).isFalse();
        assertThat(cadence.pollTimeout(IDLE_POLL, 1)).isEqualTo(INTERVAL);
    }

    @Test
    void commitsWhenTheClockWentBackRatherThanHoldingRecordsUntilItCatchesUp() {
        cadence.committed();
        clock.advance(Duration.ofHours(-1));

        assertThat(cadence.due(1)).isTrue();
    }

    @Test
    void aZeroIntervalCommitsWhateverIsFinished() {
        CommitCadence always = new CommitCadence(clock, Duration.ZERO, BATCH);
        always.committed();

        assertThat(always.due(1)).isTrue();
        assertThat(always.due(0)).isFalse();
    }
}
