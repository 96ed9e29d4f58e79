package org.tta.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tta.gateway.ingest.Accepted;
import org.tta.gateway.publish.BrokerUnavailableException;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.redis.SharedStateUnavailableException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The guard's semantics over the in-memory store; IdempotencyIT runs them against Redis and Kafka. */
class StoredIdempotencyGuardTest {

    private static final String SCOPE = "POST messages|s1|alice";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(1000, System::nanoTime);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StoredIdempotencyGuard guard = guard(store, Duration.ofSeconds(5));
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void runsTheActionEveryTimeWithoutAKey() {
        run(null, "body").block(TIMEOUT);
        run(null, "body").block(TIMEOUT);

        assertThat(runs).hasValue(2);
        assertThat(store.size()).isZero();
    }

    @Test
    void replaysTheFirstResponseToARetryWithTheSameBodyAndRunsNothing() {
        Accepted first = run("key-1", "body").block(TIMEOUT);
        Accepted retry = run("key-1", "body").block(TIMEOUT);

        assertThat(retry).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(count("executed")).isEqualTo(1);
        assertThat(count("replayed")).isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyWithAnotherBody() {
        run("key-1", "body").block(TIMEOUT);

        StepVerifier.create(run("key-1", "another body")).expectError(IdempotencyKeyReusedException.class).verify(TIMEOUT);
        assertThat(runs).hasValue(1);
    }

    @Test
    void keepsKeysOfDifferentScopesApart() {
        run("key-1", "body").block(TIMEOUT);
        guard.execute("POST messages|s1|bob", "key-1", bytes("body"), Accepted.class, action()).block(TIMEOUT);

        assertThat(runs).hasValue(2);
    }

    @Test
    void letsARetryRunAgainWhenTheFirstAttemptFailed() {
        StepVerifier.create(guard.execute(SCOPE, "key-1", bytes("body"), Accepted.class,
                        () -> Mono.error(new BrokerUnavailableException("down", null))))
                .expectError(BrokerUnavailableException.class).verify(TIMEOUT);

        assertThat(run("key-1", "body").block(TIMEOUT)).isNotNull();
        assertThat(runs).hasValue(1);
    }

    @Test
    void makesAConcurrentRequestWaitForTheFirstOnesResult() {
        Sinks.One<Accepted> firstResult = Sinks.one();
        Mono<Accepted> first = guard.execute(SCOPE, "key-1", bytes("body"), Accepted.class, () -> {
            runs.incrementAndGet();
            return firstResult.asMono();
        });

        StepVerifier.create(first)
                .then(() -> StepVerifier.create(run("key-1", "body"))
                        .then(() -> firstResult.tryEmitValue(new Accepted("event-1", "0-1")))
                        .expectNext(new Accepted("event-1", "0-1"))
                        .verifyComplete())
                .expectNext(new Accepted("event-1", "0-1"))
                .verifyComplete();
        assertThat(runs).hasValue(1);
    }

    @Test
    void answersInProgressWhenTheFirstRequestDoesNotFinishInTime() {
        StoredIdempotencyGuard impatient = guard(store, Duration.ofMillis(100));
        impatient.execute(SCOPE, "key-1", bytes("body"), Accepted.class, Mono::never).subscribe();

        StepVerifier.create(impatient.execute(SCOPE, "key-1", bytes("body"), Accepted.class, action()))
                .expectError(IdempotencyInProgressException.class).verify(TIMEOUT);
        assertThat(runs).hasValue(0);
        assertThat(count("in-progress")).isEqualTo(1);
    }

    @Test
    void finishesAndStoresAClaimedActionEvenWhenTheClientGoesAway() {
        Sinks.One<Accepted> result = Sinks.one();
        guard.execute(SCOPE, "key-1", bytes("body"), Accepted.class, result::asMono).subscribe().dispose();
        result.tryEmitValue(new Accepted("event-1", "0-1"));

        assertThat(run("key-1", "body").block(TIMEOUT)).isEqualTo(new Accepted("event-1", "0-1"));
        assertThat(runs).hasValue(0);
    }

    @Test
    void answersUnavailableWhenTheStoreIsDownAndAKeyWasSent() {
        StoredIdempotencyGuard broken = guard(new BrokenStore(), Duration.ofSeconds(1));

        StepVerifier.create(broken.execute(SCOPE, "key-1", bytes("body"), Accepted.class, action()))
                .expectError(SharedStateUnavailableException.class).verify(TIMEOUT);
        assertThat(runs).hasValue(0);
        assertThat(broken.execute(SCOPE, null, bytes("body"), Accepted.class, action()).block(TIMEOUT)).isNotNull();
        assertThat(runs).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "caf\u00e9", "tab\tkey", "\"unterminated", "\"bad\\escape\"", "\"\""})
    void refusesKeysThatAreNotPrintableAscii(String key) {
        StepVerifier.create(run(key, "body")).expectError(InvalidIdempotencyKeyException.class).verify(TIMEOUT);
        assertThat(runs).hasValue(0);
    }

    @Test
    void refusesAKeyLongerThan255Characters() {
        assertThat(IdempotencyKeys.parse("k".repeat(255))).hasSize(255);
        StepVerifier.create(run("k".repeat(256), "body")).expectError(InvalidIdempotencyKeyException.class).verify(TIMEOUT);
    }

    @Test
    void takesAStructuredFieldStringAsTheSameKeyAsItsBareForm() {
        assertThat(IdempotencyKeys.parse("\"8e03978e-40d5\"")).isEqualTo("8e03978e-40d5");
        assertThat(IdempotencyKeys.parse("\"a \\\"quoted\\\" key\"")).isEqualTo("a \"quoted\" key");
        run("\"abc\"", "body").block(TIMEOUT);
        run("abc", "body").block(TIMEOUT);
        assertThat(runs).hasValue(1);
    }

    private Mono<Accepted> run(String key, String body) {
        return guard.execute(SCOPE, key, bytes(body), Accepted.class, action());
    }

    private Supplier<Mono<Accepted>> action() {
        return () -> Mono.fromSupplier(() -> new Accepted("event-" + runs.incrementAndGet(), "0-" + runs.get()));
    }

    private StoredIdempotencyGuard guard(IdempotencyStore store, Duration maxWait) {
        IdempotencyProperties properties = new IdempotencyProperties(Duration.ofHours(24), Duration.ofSeconds(30),
                maxWait, Duration.ofMillis(10), Duration.ofSeconds(1), 1000);
        return new StoredIdempotencyGuard(store, properties,
                new SharedStateProperties(SharedStateProperties.Store.IN_MEMORY, "test:"),
                JsonMapper.builder().build(), meters);
    }

    private double count(String outcome) {
        return meters.get(IdempotencyMetrics.NAME).tag("outcome", outcome).counter().count();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static final class BrokenStore implements IdempotencyStore {
        private static <V> Mono<V> down() {
            return Mono.error(new IllegalStateException("connection refused"));
        }

        @Override
        public Mono<Boolean> claim(String key, String marker, Duration ttl) {
            return down();
        }

        @Override
        public Mono<String> get(String key) {
            return down();
        }

        @Override
        public Mono<Boolean> complete(String key, String marker, String value, Duration ttl) {
            return down();
        }

        @Override
        public Mono<Boolean> release(String key, String marker) {
            return down();
        }
    }
}
