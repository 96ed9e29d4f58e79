package org.tta.gateway.ops.lag;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tta.gateway.realtime.Heartbeats;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Consumer lag for operators (role {@code ops}): the latest report as JSON, and every new one as SSE. */
@RestController
@RequestMapping("/api/v1/ops/lag")
@ConditionalOnProperty(prefix = "tta.ops.lag", name = "enabled", matchIfMissing = true)
class LagController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final LagScheduler scheduler;
    private final LagReports reports;

    LagController(LagScheduler scheduler, LagReports reports) {
        this.scheduler = scheduler;
        this.reports = reports;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LagReport> lag() {
        return scheduler.currentOrEvaluate();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<LagReport>> stream() {
        Flux<ServerSentEvent<LagReport>> events = reports.stream()
                .map(report -> ServerSentEvent.builder(report).event("lag").build());
        // A comment every few seconds keeps proxies from closing an idle stream between evaluations; beats due while
        // a slow reader requests nothing are dropped rather than failing the stream with an overflow.
        return Heartbeats.interleave(events, KEEP_ALIVE,
                () -> ServerSentEvent.<LagReport>builder().comment("keep-alive").build(), Mono.never());
    }
}
