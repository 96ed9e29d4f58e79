package org.tta.router.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BackoffTest {

    record Case(boolean exponential, int retry, long expectedMillis) {
    }

    static Stream<Case> withoutJitter() {
        return Stream.of(new Case(true, 1, 100), new Case(true, 2, 200), new Case(true, 3, 400),
                new Case(true, 10, 1_000), new Case(false, 1, 100), new Case(false, 3, 300), new Case(false, 20, 1_000));
    }

    @ParameterizedTest
    @MethodSource("withoutJitter")
    void growsExponentiallyOrLinearlyUpToTheMaximum(Case c) {
        Backoff backoff = new Backoff(5, c.exponential(), Duration.ofMillis(100), Duration.ofSeconds(1), 0,
                Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(backoff.before(c.retry(), null)).isEqualTo(Duration.ofMillis(c.expectedMillis()));
    }

    @Test
    void jitterDrawsWithinTheConfiguredFraction() {
        Backoff backoff = new Backoff(5, true, Duration.ofMillis(1_000), Duration.ofSeconds(10), 0.5,
                Duration.ofSeconds(1), Duration.ofSeconds(5));

        for (int i = 0; i < 200; i++) {
            assertThat(backoff.before(1, null)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000));
        }
    }

    @Test
    void honoursRetryAfterWhenLongerButOnlyUpToItsCap() {
        Backoff backoff = new Backoff(5, true, Duration.ofMillis(100), Duration.ofSeconds(1), 0,
                Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(backoff.before(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.before(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.before(1, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-22T03:00:00Z");

        assertThat(RetryAfter.parse("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 03:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 02:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse("-3", now)).isNull();
    }

    @Test
    void classifiesStatusesAsKnativeDoes() {
        assertThat(new Attempt(204, null, null).succeeded()).isTrue();
        assertThat(new Attempt(408, "http-408", null).retryable()).isTrue();
        assertThat(new Attempt(429, "http-429", null).retryable()).isTrue();
        assertThat(new Attempt(503, "http-503", null).retryable()).isTrue();
        assertThat(Attempt.failed("timeout").retryable()).isTrue();
        assertThat(new Attempt(400, "http-400", null).retryable()).isFalse();
        assertThat(new Attempt(410, "http-410", null).retryable()).isFalse();
        assertThat(new Attempt(301, "http-301", null).retryable()).isFalse();
    }
}
