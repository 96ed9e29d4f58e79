package org.tta.gateway.ops.lag;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The stream of reports for SSE clients. It replays only the latest report, so a slow client never makes anything
 * queue: it skips to the newest evaluation.
 */
final class LagReports {

    private final Sinks.Many<LagReport> sink;

    LagReports(Sinks.Many<LagReport> sink) {
        this.sink = sink;
    }

    void publish(LagReport report) {
        // Evaluations are serialised by the monitor, so there is never a concurrent emitter.
        sink.tryEmitNext(report);
    }

    Flux<LagReport> stream() {
        return sink.asFlux().onBackpressureLatest();
    }
}
