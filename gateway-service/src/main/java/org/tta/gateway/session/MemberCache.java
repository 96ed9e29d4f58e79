package org.tta.gateway.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A small local cache of POSITIVE membership answers, so a busy session does not cost one Redis
 * round trip per message. Guarantees: it never answers "member" for an entry older than the TTL; a
 * participant change made through this instance forgets the session's entries at once, and an
 * answer read from Redis before that change is never stored after it (generation check). Negative
 * answers are never cached, so an added member gets in at once everywhere. Thread-safe.
 */
@Component
class MemberCache {

    private record Key(String sessionId, String subject) {
    }

    private final Cache<Key, Boolean> entries;
    private final AtomicLong generation = new AtomicLong();

    @Autowired
    MemberCache(SessionProperties properties) {
        this(properties.memberCacheTtl(), properties.memberCacheSize(), Ticker.systemTicker());
    }

    MemberCache(Duration ttl, int maxEntries, Ticker ticker) {
        this.entries = ttl.isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .ticker(ticker)
                .build();
    }

    boolean isKnownMember(String sessionId, String subject) {
        return entries != null && entries.getIfPresent(new Key(sessionId, subject)) != null;
    }

    /** Read before asking the store; hand it back to {@link #remember} with the answer. */
    long generation() {
        return generation.get();
    }

    /** Stores a positive answer, unless the session changed on this instance since {@code readGeneration}. */
    void remember(String sessionId, String subject, long readGeneration) {
        if (entries == null) {
            return;
        }
        Key key = new Key(sessionId, subject);
        entries.put(key, Boolean.TRUE);
        if (generation.get() != readGeneration) {
            // A change raced the lookup: the answer may predate it.
            entries.invalidate(key);
        }
    }

    /** Forgets every answer about the session; call after its participants changed. */
    void forget(String sessionId) {
        generation.incrementAndGet();
        if (entries != null) {
            entries.asMap().keySet().removeIf(key -> key.sessionId().equals(sessionId));
        }
    }
}
