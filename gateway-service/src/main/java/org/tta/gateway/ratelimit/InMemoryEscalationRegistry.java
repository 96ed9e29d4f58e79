package org.tta.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/** Open escalations of the single-instance standalone run; bounded, and forgotten after a day. */
public final class InMemoryEscalationRegistry implements EscalationRegistry {

    private final Cache<String, Boolean> open = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofDays(1)).build();

    @Override
    public Mono<Boolean> isOpen(String sessionId) {
        return Mono.just(open.getIfPresent(sessionId) != null);
    }

    @Override
    public Mono<Void> markOpen(String sessionId) {
        return Mono.fromRunnable(() -> open.put(sessionId, Boolean.TRUE));
    }

    @Override
    public Mono<Void> markClosed(String sessionId) {
        return Mono.fromRunnable(() -> open.invalidate(sessionId));
    }
}
