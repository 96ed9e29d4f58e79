package org.tta.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecordTimeTest {

    private static final long WORKER_CLOCK = 9_000_000L;

    private final AtomicLong nanos = new AtomicLong(42);
    private final RecordTime time = new RecordTime(nanos::get);

    @Test
    void stampsTheOutputsOfAnInputWithTheInputsTimestamp() {
        assertThat(time.ofInput(1_000L)).isEqualTo(1_000L);
        assertThat(time.ofInput(700L)).isEqualTo(700L);
    }

    @Test
    void advancesTheNewestInputTimestampByTheMonotonicTimeElapsedSinceItWasSeen() {
        time.ofInput(1_000L);
        elapse(Duration.ofMillis(300));
        time.ofInput(800L);
        elapse(Duration.ofMinutes(10));

        assertThat(time.ofNoInput(500L, WORKER_CLOCK)).isEqualTo(1_000L + 300 + Duration.ofMinutes(10).toMillis());
    }

    @Test
    void startsFromTheStreamTimeBeforeAnyInputAndFromTheWorkersClockWithNeither() {
        assertThat(time.ofNoInput(-1L, WORKER_CLOCK)).isEqualTo(WORKER_CLOCK);

        assertThat(time.ofNoInput(2_000L, WORKER_CLOCK)).isEqualTo(2_000L);
        elapse(Duration.ofSeconds(5));
        assertThat(time.ofNoInput(2_000L, WORKER_CLOCK)).isEqualTo(7_000L);
    }

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
