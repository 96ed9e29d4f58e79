package org.tta.gateway.idempotency;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.publish.IdempotencyHeader;
import org.tta.gateway.publish.PublishOutcomeUnknownException;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link IdempotencyGuard} over an {@link IdempotencyStore}, with Kafka as the judge of unknown outcomes (ADR 0013).
 *
 * <p>The first request with a key claims it with an in-progress marker holding a lease (owner, the attempt's start,
 * the lease's end), runs the action, whose records carry the key's tag, and replaces the marker with its result.
 * A retry with the same fingerprint gets that result; a different fingerprint gets 422. While the lease lasts,
 * a second request polls the store (non-blocking) up to {@code maxWait}, then gets 409. A retry that finds the
 * lease expired (the holder died, or its publish ended with an unknown outcome) takes the key over by
 * compare-and-set and looks for the holder's write in Kafka: found, it stores and answers the holder's result;
 * not found, it runs the action itself; undecidable, 503 idempotency-outcome-unknown and the lease stays expired
 * so that the next retry looks again. An action that definitely failed releases the key; one whose publish may
 * still commit keeps its marker until its lease ends. Claimed actions and lookups run to their end even if the
 * client goes away, so that a retry finds their outcome.
 *
 * <p>Store failures: when a key was sent and the store cannot be reached, the answer is 503
 * shared-state-unavailable; the action never runs unguarded. A store failure after the action succeeded only
 * delays the replay: the result is returned, and a retry after the lease finds the write in Kafka.
 */
@Component
class StoredIdempotencyGuard implements IdempotencyGuard {

    private static final Logger log = LoggerFactory.getLogger(StoredIdempotencyGuard.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final SharedStateProperties sharedState;
    private final JsonMapper json;
    private final IdempotencyMetrics metrics;
    private final WriteLookup lookup;
    private final InstantSource clock;

    @Autowired
    StoredIdempotencyGuard(IdempotencyStore store, IdempotencyProperties properties, SharedStateProperties sharedState,
                           IngestProperties ingest, JsonMapper json, MeterRegistry meters, WriteLookup lookup,
                           ObjectProvider<ProducerFactory<?, ?>> producers) {
        this(store, properties, sharedState, json, meters, lookup, InstantSource.system());
        ProducerFactory<?, ?> producer = producers.getIfUnique();
        LeaseBound.require(properties.inProgressTtl(), ingest.publishTimeout(),
                producer == null ? java.util.Map.of() : producer.getConfigurationProperties());
    }

    StoredIdempotencyGuard(IdempotencyStore store, IdempotencyProperties properties, SharedStateProperties sharedState,
                           JsonMapper json, MeterRegistry meters, WriteLookup lookup, InstantSource clock) {
        this.store = store;
        this.properties = properties;
        this.sharedState = sharedState;
        this.json = json;
        this.metrics = new IdempotencyMetrics(meters);
        this.lookup = lookup;
        this.clock = clock;
    }

    @Override
    public <T> Mono<T> execute(String scope, String key, byte[] fingerprint, Class<T> type, Supplier<Mono<T>> action,
                               WriteLocator<T> locator) {
        if (key == null) {
            return action.get();
        }
        return Mono.defer(() -> {
            String tag = IdempotencyKeys.digest(scope, IdempotencyKeys.parse(key));
            Call<T> call = new Call<>(sharedState.key("idem", tag), tag, Base64.getEncoder().encodeToString(fingerprint),
                    type, action, locator, System.nanoTime() + properties.maxWait().toNanos());
            return claim(call);
        }).doOnError(InvalidIdempotencyKeyException.class, invalid -> metrics.count(IdempotencyMetrics.INVALID));
    }

    private <T> Mono<T> claim(Call<T> call) {
        long now = clock.millis();
        String marker = write(lease(call, now, now));
        return guarded(store.claim(call.storeKey(), marker, properties.ttl()))
                .flatMap(claimed -> claimed ? detached(run(call, marker)) : existing(call));
    }

    private <T> Mono<T> run(Call<T> call, String marker) {
        return Mono.defer(call.action())
                .contextWrite(IdempotencyHeader.context(call.tag()))
                .flatMap(result -> complete(call, marker, result))
                .onErrorResume(failure -> settle(call, marker, failure).then(Mono.error(failure)))
                .doOnSuccess(result -> metrics.count(IdempotencyMetrics.EXECUTED));
    }

    /** Replaces the marker with the result; a failure only costs the replay (a retry then finds the write in Kafka). */
    private <T> Mono<T> complete(Call<T> call, String marker, T result) {
        String completed = write(IdempotencyEntry.completed(call.fingerprint(), json.valueToTree(result)));
        return store.complete(call.storeKey(), marker, completed, properties.ttl())
                .onErrorResume(e -> {
                    metrics.count(IdempotencyMetrics.NOT_STORED);
                    return TracedLog.line(() -> log.warn("Could not store an idempotent response; a retry after the "
                            + "lease will look for it in Kafka: {}", e.getClass().getName())).thenReturn(false);
                })
                .thenReturn(result);
    }

    /**
     * After a failed action: a publish that may still commit keeps the marker, whose lease ends only after such a
     * write could have landed, so the next holder looks for it; any other failure wrote nothing and frees the key.
     */
    private Mono<Boolean> settle(Call<?> call, String marker, Throwable failure) {
        if (failure instanceof PublishOutcomeUnknownException) {
            metrics.count(IdempotencyMetrics.LEFT_FOR_LOOKUP);
            return Mono.empty();
        }
        // If the release fails, the marker's lease ends and a retry's lookup finds nothing: it runs again.
        return store.release(call.storeKey(), marker).onErrorResume(e -> Mono.just(false));
    }

    private <T> Mono<T> existing(Call<T> call) {
        return guarded(store.get(call.storeKey()))
                .flatMap(value -> {
                    IdempotencyEntry entry = read(value);
                    if (!call.fingerprint().equals(entry.fingerprint())) {
                        metrics.count(IdempotencyMetrics.REUSED);
                        return Mono.<T>error(new IdempotencyKeyReusedException());
                    }
                    if (entry.isCompleted()) {
                        metrics.count(IdempotencyMetrics.REPLAYED);
                        return Mono.just(json.treeToValue(entry.response(), call.type()));
                    }
                    if (entry.leaseExpired(clock.millis())) {
                        return takeOver(call, value, entry);
                    }
                    return waitFor(call);
                })
                // Gone between the claim and the read (the first request failed, or the key expired): claim again.
                .switchIfEmpty(Mono.defer(() -> call.expired() ? inProgress() : claim(call)));
    }

    /** Compare-and-set of the expired marker: of several retries, one looks; the others wait for its lease. */
    private <T> Mono<T> takeOver(Call<T> call, String expiredValue, IdempotencyEntry expired) {
        IdempotencyEntry mine = lease(call, expired.since(), clock.millis());
        String marker = write(mine);
        return guarded(store.replace(call.storeKey(), expiredValue, marker, properties.ttl()))
                .flatMap(taken -> taken ? detached(recover(call, mine, marker)) : existing(call));
    }

    private <T> Mono<T> recover(Call<T> call, IdempotencyEntry mine, String marker) {
        return lookup.find(call.tag(), call.locator().expected(), Instant.ofEpochMilli(mine.since()))
                .flatMap(outcome -> switch (outcome) {
                    case WriteLookup.Outcome.Found found -> {
                        metrics.count(IdempotencyMetrics.RECOVERED);
                        yield complete(call, marker, call.locator().answerFrom(found.records()));
                    }
                    case WriteLookup.Outcome.NotFound notFound -> run(call, marker);
                    case WriteLookup.Outcome.Unknown unknown -> giveUp(call, mine, marker);
                });
    }

    /** Ends this lease at once, so that the next retry looks again instead of waiting for it. */
    private <T> Mono<T> giveUp(Call<T> call, IdempotencyEntry mine, String marker) {
        metrics.count(IdempotencyMetrics.OUTCOME_UNKNOWN);
        return store.replace(call.storeKey(), marker, write(mine.withLeaseEndedAt(clock.millis())), properties.ttl())
                .onErrorResume(e -> Mono.just(false))
                .then(Mono.error(new IdempotencyOutcomeUnknownException()));
    }

    private <T> Mono<T> waitFor(Call<T> call) {
        if (call.expired()) {
            return inProgress();
        }
        return Mono.delay(properties.pollInterval()).then(Mono.defer(() -> existing(call)));
    }

    private <T> Mono<T> inProgress() {
        metrics.count(IdempotencyMetrics.IN_PROGRESS);
        return Mono.error(new IdempotencyInProgressException());
    }

    private IdempotencyEntry lease(Call<?> call, long since, long now) {
        return IdempotencyEntry.inProgress(call.fingerprint(), UUID.randomUUID().toString(), since,
                now + properties.inProgressTtl().toMillis());
    }

    /** Detached from the caller's cancellation: work on a held key finishes and settles the key. */
    private static <T> Mono<T> detached(Mono<T> work) {
        return Mono.deferContextual(context -> Mono.fromFuture(work.contextWrite(context).toFuture(), true));
    }

    private <V> Mono<V> guarded(Mono<V> storeCall) {
        return storeCall.onErrorMap(e -> !(e instanceof SharedStateUnavailableException), e -> {
            metrics.count(IdempotencyMetrics.UNAVAILABLE);
            return new SharedStateUnavailableException("The idempotency store did not answer", e);
        });
    }

    private String write(IdempotencyEntry entry) {
        return json.writeValueAsString(entry);
    }

    private IdempotencyEntry read(String value) {
        return json.readValue(value, IdempotencyEntry.class);
    }

    /** One guarded request: where its entry lives, its tag, what makes it the same request, and until when it may wait. */
    private record Call<T>(String storeKey, String tag, String fingerprint, Class<T> type, Supplier<Mono<T>> action,
                           WriteLocator<T> locator, long deadline) {
        boolean expired() {
            return System.nanoTime() - deadline >= 0;
        }
    }
}
