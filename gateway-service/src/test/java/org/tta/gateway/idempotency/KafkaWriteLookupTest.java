package org.tta.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The lookup's bounds without a broker (nothing listens on port 9): an undecidable lookup ends within its timeout
 * as Unknown, never as an error, and a lookup beyond the concurrency limit is shed at once.
 */
class KafkaWriteLookupTest {

    private static final List<ExpectedRecord> EXPECTED = List.of(new ExpectedRecord("tta.session.events.v1", "s1", 0));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KafkaWriteLookup lookup = new KafkaWriteLookup(
            new KafkaAdmin(Map.of("bootstrap.servers", "127.0.0.1:9")),
            new IdempotencyProperties(Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofSeconds(10),
                    Duration.ofMillis(50), Duration.ofSeconds(1), 1000, Duration.ofMillis(500), 1, Duration.ofSeconds(10)),
            meters);

    @AfterEach
    void close() {
        lookup.destroy();
    }

    @Test
    void answersUnknownWhenKafkaDoesNotAnswerWithinTheLookupTimeout() {
        StepVerifier.create(lookup.find("tag", EXPECTED, Instant.now()))
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(WriteLookup.Outcome.Unknown.class))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertThat(meters.get(KafkaWriteLookup.METRIC).tag("outcome", "unknown").timer().count()).isEqualTo(1);
    }

    @Test
    void shedsALookupWhileEverySlotIsBusy() {
        Mono<WriteLookup.Outcome> first = lookup.find("tag", EXPECTED, Instant.now());
        Mono<WriteLookup.Outcome> second = lookup.find("tag", EXPECTED, Instant.now());

        StepVerifier.create(first)
                .then(() -> StepVerifier.create(second)
                        .expectNext(new WriteLookup.Outcome.Unknown("shed")).verifyComplete())
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(WriteLookup.Outcome.Unknown.class)
                        .isNotEqualTo(new WriteLookup.Outcome.Unknown("shed")))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertThat(meters.get(KafkaWriteLookup.METRIC).tag("reason", "shed").timer().count()).isEqualTo(1);
    }
}
