package org.tta.gateway.realtime;

import java.time.Duration;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Interleaves a connection's frames with a heartbeat (WebSocket pings, SSE comment lines).
 *
 * <p>A beat is only sent while the transport asks for data: a client that stopped reading stops the
 * transport's requests, and a plain {@code Flux.interval} then fails with an {@code OverflowException}
 * ("Could not emit tick") that ended the connection with an error instead of the slow-consumer close.
 * Beats due while nothing is requested are dropped (at most the merge's small prefetch of them is held).
 */
public final class Heartbeats {

    private Heartbeats() {
    }

    /**
     * The frames, with a beat every {@code period} until {@code stop} signals (or the result is cancelled).
     * The frames are never dropped or reordered; only beats are.
     */
    public static <T> Flux<T> interleave(Flux<T> frames, Duration period, Supplier<T> beat, Publisher<?> stop) {
        Flux<T> beats = Flux.interval(period, Schedulers.parallel())
                .onBackpressureDrop()
                .map(tick -> beat.get())
                .takeUntilOther(stop);
        return Flux.merge(frames, beats);
    }
}
