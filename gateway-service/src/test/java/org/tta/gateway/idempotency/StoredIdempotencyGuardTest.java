package org.tta.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tta.gateway.ingest.Accepted;
import org.tta.gateway.publish.BrokerUnavailableException;
import org.tta.gateway.publish.IdempotencyHeader;
import org.tta.gateway.publish.PublishOutcomeUnknownException;
import org.tta.gateway.publish.Published;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.redis.SharedStateUnavailableException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guard's semantics over the in-memory store, with a scripted Kafka lookup and a controllable clock for the
 * lease; IdempotencyIT and IdempotencyRecoveryIT run them against Redis and Kafka.
 */
class StoredIdempotencyGuardTest {

    private static final String SCOPE = "POST messages|s1|alice";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final WriteLocator<Accepted> LOCATOR = WriteLocator.of(
            List.of(new ExpectedRecord("session-events", "s1", 0)),
            found -> new Accepted(found.get(0).eventId(), "0-" + found.get(0).published().offset()));

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(1000, System::nanoTime);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScriptedLookup lookup = new ScriptedLookup();
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
        guard.execute("POST messages|s1|bob", "key-1", bytes("body"), Accepted.class, action(), LOCATOR).block(TIMEOUT);

        assertThat(runs).hasValue(2);
    }

    @Test
    void letsARetryRunAgainWhenTheFirstAttemptFailed() {
        StepVerifier.create(guard.execute(SCOPE, "key-1", bytes("body"), Accepted.class,
                        () -> Mono.error(new BrokerUnavailableException("down", null)), LOCATOR))
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
        }, LOCATOR);

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
        impatient.execute(SCOPE, "key-1", bytes("body"), Accepted.class, Mono::never, LOCATOR).subscribe();

        StepVerifier.create(impatient.execute(SCOPE, "key-1", bytes("body"), Accepted.class, action(), LOCATOR))
                .expectError(IdempotencyInProgressException.class).verify(TIMEOUT);
        assertThat(runs).hasValue(0);
        assertThat(count("in-progress")).isEqualTo(1);
    }

    @Test
    void answersARetryAfterAnExpiredLeaseWithTheWriteFoundInKafkaAndRunsNothing() {
        StoredIdempotencyGuard crashed = guard(new LosesResults(), Duration.ofMillis(50));
        Accepted first = run(crashed, "key-1", action()).block(TIMEOUT);
        long started = millis.get();

        StepVerifier.create(run(crashed, "key-1", action())).expectError(IdempotencyInProgressException.class).verify(TIMEOUT);
        assertThat(lookup.tags).isEmpty();

        leaseEnds();
        lookup.next = Mono.just(committed(first.id(), 1));

        assertThat(run(crashed, "key-1", action()).block(TIMEOUT)).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(lookup.tags).containsExactly(IdempotencyKeys.digest(SCOPE, "key-1"));
        assertThat(lookup.since).containsExactly(Instant.ofEpochMilli(started));
        assertThat(count("recovered")).isEqualTo(1);
    }

    @Test
    void storesTheRecoveredAnswerSoTheNextRetryIsAReplay() {
        Accepted first = new Accepted("event-1", "0-1");
        store.claim("test:idem:" + IdempotencyKeys.digest(SCOPE, "key-1"), marker(millis.get()), Duration.ofHours(1)).block();
        leaseEnds();
        lookup.next = Mono.just(committed(first.id(), 1));

        assertThat(run("key-1", "body").block(TIMEOUT)).isEqualTo(first);
        assertThat(run("key-1", "body").block(TIMEOUT)).isEqualTo(first);
        assertThat(lookup.tags).hasSize(1);
        assertThat(runs).hasValue(0);
        assertThat(count("replayed")).isEqualTo(1);
    }

    @Test
    void runsTheActionAgainWhenTheLookupFindsNoWrite() {
        StoredIdempotencyGuard crashed = guard(new LosesResults(), Duration.ofMillis(50));
        run(crashed, "key-1", Mono::never).subscribe();
        leaseEnds();

        assertThat(run(crashed, "key-1", action()).block(TIMEOUT)).isEqualTo(new Accepted("event-1", "0-1"));
        assertThat(runs).hasValue(1);
        assertThat(lookup.tags).hasSize(1);
    }

    @Test
    void answersOutcomeUnknownWhenTheLookupCannotDecideAndLooksAgainAtTheNextRetry() {
        StoredIdempotencyGuard crashed = guard(new LosesResults(), Duration.ofMillis(50));
        Accepted first = run(crashed, "key-1", action()).block(TIMEOUT);
        leaseEnds();
        lookup.next = Mono.just(new WriteLookup.Outcome.Unknown("timeout"));

        StepVerifier.create(run(crashed, "key-1", action())).expectError(IdempotencyOutcomeUnknownException.class)
                .verify(TIMEOUT);
        lookup.next = Mono.just(committed(first.id(), 1));

        // no wait for another lease: the one that could not decide ended its own
        assertThat(run(crashed, "key-1", action()).block(TIMEOUT)).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(lookup.tags).hasSize(2);
        assertThat(count("outcome-unknown")).isEqualTo(1);
    }

    @Test
    void keepsTheKeyAfterAPublishWhoseOutcomeIsUnknownUntilItsLeaseEndsThenLooksItUp() {
        StoredIdempotencyGuard impatient = guard(store, Duration.ofMillis(50));
        StepVerifier.create(run(impatient, "key-1", () -> {
                    runs.incrementAndGet();
                    return Mono.error(new PublishOutcomeUnknownException("timed out, may still commit", null));
                }))
                .expectError(PublishOutcomeUnknownException.class).verify(TIMEOUT);

        StepVerifier.create(run(impatient, "key-1", action())).expectError(IdempotencyInProgressException.class).verify(TIMEOUT);
        leaseEnds();
        lookup.next = Mono.just(committed("event-committed-late", 7));

        assertThat(run(impatient, "key-1", action()).block(TIMEOUT)).isEqualTo(new Accepted("event-committed-late", "0-7"));
        assertThat(runs).hasValue(1);
        assertThat(count("left-for-lookup")).isEqualTo(1);
    }

    @Test
    void letsOneOfTwoRetriesTakeOverAnExpiredLeaseWhileTheOtherWaitsForItsAnswer() {
        StoredIdempotencyGuard crashed = guard(new LosesResults(), Duration.ofSeconds(5));
        Accepted first = run(crashed, "key-1", action()).block(TIMEOUT);
        leaseEnds();
        Sinks.One<WriteLookup.Outcome> slowLookup = Sinks.one();
        lookup.next = slowLookup.asMono();

        StepVerifier.create(run(crashed, "key-1", action()))
                .then(() -> StepVerifier.create(run(crashed, "key-1", action()).timeout(Duration.ofMillis(200)))
                        .expectError(java.util.concurrent.TimeoutException.class).verify(TIMEOUT))
                .then(() -> slowLookup.tryEmitValue(committed(first.id(), 1)))
                .expectNext(first)
                .verifyComplete();
        assertThat(lookup.tags).hasSize(1);
        assertThat(runs).hasValue(1);
    }

    @Test
    void tagsTheActionsRecordsWithTheDigestOfScopeAndKey() {
        List<String> tags = new ArrayList<>();
        run(guard, "key-1", () -> Mono.deferContextual(context -> {
            tags.add(IdempotencyHeader.tag(context));
            return Mono.just(new Accepted("event-1", "0-1"));
        })).block(TIMEOUT);
        run(guard, null, () -> Mono.deferContextual(context -> {
            tags.add(String.valueOf(IdempotencyHeader.tag(context)));
            return Mono.just(new Accepted("event-2", "0-2"));
        })).block(TIMEOUT);

        assertThat(tags).containsExactly(IdempotencyKeys.digest(SCOPE, "key-1"), "null");
    }

    @Test
    void refusesALeaseThatDoesNotOutlastTheSlowestPublish() {
        java.util.Map<String, Object> producer = java.util.Map.of("delivery.timeout.ms", "9000", "max.block.ms", 2000);
        LeaseBound.require(Duration.ofSeconds(30), Duration.ofSeconds(10), producer);

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> LeaseBound.require(Duration.ofSeconds(23), Duration.ofSeconds(10), producer))
                .withMessageContaining("in-progress-ttl");
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> LeaseBound.require(Duration.ofSeconds(30), Duration.ofSeconds(10), java.util.Map.of()));
    }

    @Test
    void finishesAndStoresAClaimedActionEvenWhenTheClientGoesAway() {
        Sinks.One<Accepted> result = Sinks.one();
        guard.execute(SCOPE, "key-1", bytes("body"), Accepted.class, result::asMono, LOCATOR).subscribe().dispose();
        result.tryEmitValue(new Accepted("event-1", "0-1"));

        assertThat(run("key-1", "body").block(TIMEOUT)).isEqualTo(new Accepted("event-1", "0-1"));
        assertThat(runs).hasValue(0);
    }

    @Test
    void answersUnavailableWhenTheStoreIsDownAndAKeyWasSent() {
        StoredIdempotencyGuard broken = guard(new BrokenStore(), Duration.ofSeconds(1));

        StepVerifier.create(broken.execute(SCOPE, "key-1", bytes("body"), Accepted.class, action(), LOCATOR))
                .expectError(SharedStateUnavailableException.class).verify(TIMEOUT);
        assertThat(runs).hasValue(0);
        assertThat(broken.execute(SCOPE, null, bytes("body"), Accepted.class, action(), LOCATOR).block(TIMEOUT)).isNotNull();
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
        return guard.execute(SCOPE, key, bytes(body), Accepted.class, action(), LOCATOR);
    }

    private static Mono<Accepted> run(StoredIdempotencyGuard guard, String key, Supplier<Mono<Accepted>> action) {
        return guard.execute(SCOPE, key, bytes("body"), Accepted.class, action, LOCATOR);
    }

    private Supplier<Mono<Accepted>> action() {
        return () -> Mono.fromSupplier(() -> new Accepted("event-" + runs.incrementAndGet(), "0-" + runs.get()));
    }

    private StoredIdempotencyGuard guard(IdempotencyStore store, Duration maxWait) {
        IdempotencyProperties properties = new IdempotencyProperties(Duration.ofHours(24), LEASE,
                maxWait, Duration.ofMillis(10), Duration.ofSeconds(1), 1000, Duration.ofSeconds(5), 4, Duration.ofSeconds(10));
        return new StoredIdempotencyGuard(store, properties,
                new SharedStateProperties(SharedStateProperties.Store.IN_MEMORY, "test:"),
                JsonMapper.builder().build(), meters, lookup, clock);
    }

    /** An in-progress marker, as a gateway that died after its commit left it. */
    private String marker(long since) {
        return "{\"state\":\"in-progress\",\"fingerprint\":\"" + java.util.Base64.getEncoder().encodeToString(bytes("body"))
                + "\",\"owner\":\"dead\",\"since\":" + since + ",\"leaseUntil\":" + (since + LEASE.toMillis()) + "}";
    }

    private void leaseEnds() {
        millis.addAndGet(LEASE.toMillis());
    }

    private static WriteLookup.Outcome.Found committed(String eventId, long offset) {
        return new WriteLookup.Outcome.Found(List.of(new FoundRecord(LOCATOR.expected().get(0),
                new Published("session-events", 0, offset), eventId)));
    }

    /** The lookup in Kafka, answering what the test scripted and recording what it was asked. */
    private static final class ScriptedLookup implements WriteLookup {
        volatile Mono<Outcome> next = Mono.just(new Outcome.NotFound());
        final List<String> tags = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Instant> since = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Mono<Outcome> find(String tag, List<ExpectedRecord> expected, Instant from) {
            tags.add(tag);
            since.add(from);
            return next;
        }
    }

    /** The in-memory store, except that storing a result fails: the window in which a gateway dies after the commit. */
    private static final class LosesResults extends InMemoryIdempotencyStore {
        LosesResults() {
            super(1000, System::nanoTime);
        }

        @Override
        public Mono<Boolean> complete(String key, String marker, String value, Duration ttl) {
            return Mono.error(new IllegalStateException("gateway died before storing the result"));
        }
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
        public Mono<Boolean> replace(String key, String expected, String marker, Duration ttl) {
            return down();
        }

        @Override
        public Mono<Boolean> release(String key, String marker) {
            return down();
        }
    }
}
