package org.tta.gateway.idempotency;

import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.redis.SharedStateUnavailableException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link IdempotencyGuard} over an {@link IdempotencyStore}.
 *
 * <p>The first request with a key claims it with an in-progress marker (short TTL), runs the action
 * and replaces the marker with its result (long TTL). A retry with the same fingerprint gets that
 * result; a different fingerprint gets 422. While the first request runs, a second one polls the
 * store (non-blocking) up to {@code maxWait}, then gets 409. If the action fails, the marker is
 * removed so that a retry may run it again. Once claimed, the action runs to its end even if the
 * client goes away, so that a retry finds its result instead of a second write.
 *
 * <p>Store failures: when a key was sent and the store cannot be reached, the answer is 503
 * shared-state-unavailable; the action never runs unguarded, because a duplicate clinical message
 * is worse than a retry. Requests without a key never touch the store. A store failure after the
 * action succeeded only loses the replay: the result is still returned.
 */
@Component
class StoredIdempotencyGuard implements IdempotencyGuard {

    private static final Logger log = LoggerFactory.getLogger(StoredIdempotencyGuard.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final SharedStateProperties sharedState;
    private final JsonMapper json;
    private final IdempotencyMetrics metrics;

    @Autowired
    StoredIdempotencyGuard(IdempotencyStore store, IdempotencyProperties properties, SharedStateProperties sharedState,
                           IngestProperties ingest, JsonMapper json, MeterRegistry meters) {
        this(store, properties, sharedState, json, meters);
        if (properties.inProgressTtl().compareTo(ingest.publishTimeout()) <= 0) {
            throw new IllegalStateException("tta.gateway.idempotency.in-progress-ttl (" + properties.inProgressTtl()
                    + ") must be longer than tta.gateway.ingest.publish-timeout (" + ingest.publishTimeout()
                    + "), or a retry could run an action that is still in flight");
        }
    }

    StoredIdempotencyGuard(IdempotencyStore store, IdempotencyProperties properties, SharedStateProperties sharedState,
                           JsonMapper json, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.sharedState = sharedState;
        this.json = json;
        this.metrics = new IdempotencyMetrics(meters);
    }

    @Override
    public <T> Mono<T> execute(String scope, String key, byte[] fingerprint, Class<T> type, Supplier<Mono<T>> action) {
        if (key == null) {
            return action.get();
        }
        return Mono.defer(() -> {
            String storeKey = sharedState.key("idem", IdempotencyKeys.digest(scope, IdempotencyKeys.parse(key)));
            Call<T> call = new Call<>(storeKey, Base64.getEncoder().encodeToString(fingerprint), type, action,
                    System.nanoTime() + properties.maxWait().toNanos());
            return claim(call);
        }).doOnError(InvalidIdempotencyKeyException.class, invalid -> metrics.count(IdempotencyMetrics.INVALID));
    }

    private <T> Mono<T> claim(Call<T> call) {
        String marker = write(IdempotencyEntry.inProgress(call.fingerprint(), UUID.randomUUID().toString()));
        return guarded(store.claim(call.storeKey(), marker, properties.inProgressTtl()))
                .flatMap(claimed -> claimed ? run(call, marker) : existing(call));
    }

    private <T> Mono<T> run(Call<T> call, String marker) {
        Mono<T> work = Mono.defer(call.action())
                .flatMap(result -> store.complete(call.storeKey(), marker,
                                write(IdempotencyEntry.completed(call.fingerprint(), json.valueToTree(result))),
                                properties.ttl())
                        .onErrorResume(e -> {
                            log.warn("Could not store an idempotent response; a retry with its key may run again: {}",
                                    e.getClass().getName());
                            metrics.count(IdempotencyMetrics.NOT_STORED);
                            return Mono.just(false);
                        })
                        .thenReturn(result))
                .onErrorResume(failure -> store.release(call.storeKey(), marker)
                        .onErrorResume(e -> Mono.just(false)) // the marker then expires with its short TTL
                        .then(Mono.error(failure)))
                .doOnSuccess(result -> metrics.count(IdempotencyMetrics.EXECUTED));
        // Detached from the caller's cancellation: a claimed action finishes and stores its result.
        return Mono.deferContextual(context -> Mono.fromFuture(work.contextWrite(context).toFuture(), true));
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
                    return waitFor(call);
                })
                // Gone between the claim and the read (the first request failed, or its marker expired): claim again.
                .switchIfEmpty(Mono.defer(() -> call.expired() ? inProgress() : claim(call)));
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

    /** One guarded request: where its entry lives, what makes it the same request, and until when it may wait. */
    private record Call<T>(String storeKey, String fingerprint, Class<T> type, Supplier<Mono<T>> action, long deadline) {
        boolean expired() {
            return System.nanoTime() - deadline >= 0;
        }
    }
}
