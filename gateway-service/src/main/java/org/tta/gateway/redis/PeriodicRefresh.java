package org.tta.gateway.redis;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A background refresh of shared state that runs every {@code period} for the life of the process.
 * A round that takes longer than the period makes the next tick wait, never kills the refresh:
 * {@code Flux.interval} fails with an overflow when its subscriber is still busy, and a refresher that
 * died that way let every presence entry and connection slot of a busy instance (3,000 sockets) expire
 * 45 s later. A failed round is logged by error type and the next one runs as usual.
 */
public final class PeriodicRefresh {

    private PeriodicRefresh() {
    }

    /** Rounds every {@code period}, the first after one period; {@code what} names the state in the logs. */
    public static Disposable every(Duration period, Scheduler scheduler, Logger log, String what,
            Supplier<? extends Mono<?>> round) {
        return every(period, period, scheduler, log, what, round);
    }

    /** Rounds every {@code period}, the first after {@code initialDelay}. */
    public static Disposable every(Duration initialDelay, Duration period, Scheduler scheduler, Logger log, String what,
            Supplier<? extends Mono<?>> round) {
        return Flux.interval(initialDelay, period, scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(round).then()
                        .onErrorResume(e -> {
                            log.warn("{} not refreshed: error={}", what, e.getClass().getName());
                            return Mono.empty();
                        }), 1)
                .subscribe(null, e -> log.error("{} refresh stopped: error={}", what, e.getClass().getName()));
    }
}
