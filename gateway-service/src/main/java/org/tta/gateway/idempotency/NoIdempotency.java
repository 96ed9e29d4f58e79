package org.tta.gateway.idempotency;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** TEMPORARY pass-through until the Redis-backed guard lands (issue 3); must not survive that work. */
@Component
class NoIdempotency implements IdempotencyGuard {

    @Override
    public <T> Mono<T> execute(String scope, String key, byte[] fingerprint, Class<T> type, Supplier<Mono<T>> action) {
        return action.get();
    }
}
