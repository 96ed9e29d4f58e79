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

    /** Marks the session's escalation open (for the safety path of the standalone run). */
    public void open(String sessionId) {
        open.put(sessionId, Boolean.TRUE);
    }

    public void close(String sessionId) {
        open.invalidate(sessionId);
    }
}
