package org.tta.gateway.realtime;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A background refresh that runs every {@code period} for the life of the process. A round that takes
 * longer than the period makes the next tick wait, never kills the refresh: {@code Flux.interval} fails
 * with an overflow when its subscriber is still busy, and a refresher that died that way let every
 * presence entry and connection slot of a busy instance (3,000 sockets) expire 45 s later. A failed
 * round is logged by type and the next one runs as usual.
 */
public final class PeriodicRefresh {

    private PeriodicRefresh() {
    }

    public static Disposable every(Duration period, Scheduler scheduler, Logger log, String what,
            Supplier<? extends Mono<?>> round) {
        return Flux.interval(period, scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(round).then()
                        .onErrorResume(e -> {
                            log.warn("{} refresh failed: error={}", what, e.getClass().getName());
                            return Mono.empty();
                        }))
                .subscribe(null, e -> log.error("{} refresh stopped: error={}", what, e.getClass().getName()));
    }
}
