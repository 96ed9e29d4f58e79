package org.tta.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

class PeriodicRefreshTest {

    private static final Duration PERIOD = Duration.ofSeconds(15);

    @Test
    void aRoundSlowerThanThePeriodDelaysTheNextOneInsteadOfStoppingTheRefresh() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Disposable refresh = PeriodicRefresh.every(PERIOD, time, LoggerFactory.getLogger(getClass()), "test",
                () -> {
                    started.incrementAndGet();
                    return Mono.delay(PERIOD.multipliedBy(2).plusSeconds(1), time).doOnNext(x -> finished.incrementAndGet());
                });

        time.advanceTimeBy(PERIOD.multipliedBy(20));

        assertThat(finished.get()).as("rounds finished in 20 periods of 3-period rounds").isGreaterThanOrEqualTo(5);
        assertThat(started.get()).isLessThanOrEqualTo(finished.get() + 1);
        assertThat(refresh.isDisposed()).isFalse();
        refresh.dispose();
    }

    @Test
    void aFailedRoundIsFollowedByTheNextOne() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        AtomicInteger rounds = new AtomicInteger();
        Disposable refresh = PeriodicRefresh.every(PERIOD, time, LoggerFactory.getLogger(getClass()), "test",
                () -> rounds.incrementAndGet() == 1 ? Mono.error(new IllegalStateException("down")) : Mono.empty());

        time.advanceTimeBy(PERIOD.multipliedBy(4));

        assertThat(rounds.get()).isEqualTo(4);
        refresh.dispose();
    }
}
