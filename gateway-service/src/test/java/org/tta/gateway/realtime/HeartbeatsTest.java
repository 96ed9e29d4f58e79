package org.tta.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.util.concurrent.Queues;

class HeartbeatsTest {

    private final Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> stop = Sinks.empty();

    private Flux<String> interleaved() {
        return Heartbeats.interleave(frames.asFlux(), Duration.ofSeconds(1), () -> "beat", stop.asMono());
    }

    @Test
    void dropsBeatsWhileTheTransportRequestsNothingAndKeepsTheConnectionsFrames() {
        StepVerifier.withVirtualTime(this::interleaved, 0)
                .expectSubscription()
                .thenAwait(Duration.ofHours(1)) // a client that stopped reading: 3,600 beats due, none requested
                .then(() -> {
                    frames.tryEmitNext("event");
                    frames.tryEmitComplete();
                    stop.tryEmitEmpty();
                })
                .thenRequest(Long.MAX_VALUE)
                .recordWith(ArrayList::new)
                .thenConsumeWhile(frame -> true)
                .consumeRecordedWith(sent -> {
                    assertThat(sent).containsOnlyOnce("event");
                    assertThat(sent).filteredOn("beat"::equals).hasSizeLessThanOrEqualTo(Queues.XS_BUFFER_SIZE);
                })
                .verifyComplete();
    }

    @Test
    void beatsEveryPeriodBetweenFramesUntilStopped() {
        StepVerifier.withVirtualTime(this::interleaved)
                .expectSubscription()
                .then(() -> frames.tryEmitNext("e1"))
                .expectNext("e1")
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("beat", "beat")
                .then(() -> frames.tryEmitNext("e2"))
                .expectNext("e2")
                .then(() -> {
                    stop.tryEmitEmpty();
                    frames.tryEmitComplete();
                })
                .thenAwait(Duration.ofSeconds(5))
                .verifyComplete();
    }
}
