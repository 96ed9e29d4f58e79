package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class FailoverBucketStoreTest {

    private static final LimitPolicy TWO_PER_HOUR = new LimitPolicy("user", "all", Budget.of(2, 2, Duration.ofHours(1)));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger sharedCalls = new AtomicInteger();

    private FailoverBucketStore storeOver(Mono<Decision> sharedAnswer) {
        BucketStore shared = (key, policy) -> {
            sharedCalls.incrementAndGet();
            return sharedAnswer;
        };
        return new FailoverBucketStore(shared, new LocalBucketStore(1000, Duration.ofMinutes(1)),
                new RedisOutage(Duration.ofHours(1), meters), Duration.ofMillis(200));
    }

    @Test
    void keepsLimitingLocallyWhileRedisFails() {
        FailoverBucketStore store = storeOver(Mono.error(new IllegalStateException("connection refused")));

        StepVerifier.create(store.consume("k", TWO_PER_HOUR)).assertNext(d -> assertThat(d.allowed()).isTrue()).verifyComplete();
        StepVerifier.create(store.consume("k", TWO_PER_HOUR)).assertNext(d -> assertThat(d.allowed()).isTrue()).verifyComplete();
        StepVerifier.create(store.consume("k", TWO_PER_HOUR)).assertNext(d -> assertThat(d.allowed()).isFalse()).verifyComplete();

        assertThat(sharedCalls).as("Redis is left alone for the retry interval after a failure").hasValue(1);
        assertThat(meters.counter("tta.gateway.ratelimit.redis.outages").count()).as("one outage, counted once").isEqualTo(1);
        assertThat(meters.counter("tta.gateway.ratelimit.local.decisions").count()).isEqualTo(3);
        assertThat(meters.get("tta.gateway.ratelimit.redis.available").gauge().value()).isZero();
    }

    @Test
    void decidesLocallyWhenRedisIsTooSlow() {
        FailoverBucketStore store = storeOver(Mono.never());

        StepVerifier.create(store.consume("k", TWO_PER_HOUR)).assertNext(d -> assertThat(d.allowed()).isTrue()).verifyComplete();
        assertThat(meters.counter("tta.gateway.ratelimit.redis.outages").count()).isEqualTo(1);
    }

    @Test
    void usesRedisWhileItAnswers() {
        Decision fromRedis = new Decision(TWO_PER_HOUR, true, 1, 0, 0);
        FailoverBucketStore store = storeOver(Mono.just(fromRedis));

        StepVerifier.create(store.consume("k", TWO_PER_HOUR)).expectNext(fromRedis).verifyComplete();
        StepVerifier.create(store.consume("k", TWO_PER_HOUR)).expectNext(fromRedis).verifyComplete();
        assertThat(sharedCalls).hasValue(2);
        assertThat(meters.counter("tta.gateway.ratelimit.local.decisions").count()).isZero();
    }
}
