package org.tta.gateway.idempotency;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/**
 * Idempotency entries in this JVM, for the standalone run (one instance, nothing survives a
 * restart). Bounded: entries expire like Redis keys (checked when read), and past
 * {@code inMemoryMaxKeys} the least recently written entry is dropped. Thread-safe; every operation is a few map operations under one lock.
 */
@Component
@ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "in-memory")
class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(String value, long expiresAt) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final int maxKeys;
    private final LongSupplier nanoTime;

    @Autowired
    InMemoryIdempotencyStore(IdempotencyProperties properties) {
        this(properties.inMemoryMaxKeys(), System::nanoTime);
    }

    InMemoryIdempotencyStore(int maxKeys, LongSupplier nanoTime) {
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Boolean> claim(String key, String marker, Duration ttl) {
        return Mono.fromSupplier(() -> {
            synchronized (entries) {
                if (live(key) != null) {
                    return false;
                }
                put(key, marker, ttl);
                return true;
            }
        });
    }

    @Override
    public Mono<String> get(String key) {
        return Mono.fromSupplier(() -> {
            synchronized (entries) {
                Entry entry = live(key);
                return entry == null ? null : entry.value();
            }
        });
    }

    @Override
    public Mono<Boolean> complete(String key, String marker, String value, Duration ttl) {
        return Mono.fromSupplier(() -> {
            synchronized (entries) {
                Entry current = live(key);
                if (current != null && !current.value().equals(marker)) {
                    return false;
                }
                put(key, value, ttl);
                return true;
            }
        });
    }

    @Override
    public Mono<Boolean> replace(String key, String expected, String marker, Duration ttl) {
        return Mono.fromSupplier(() -> {
            synchronized (entries) {
                Entry current = live(key);
                if (current == null || !current.value().equals(expected)) {
                    return false;
                }
                put(key, marker, ttl);
                return true;
            }
        });
    }

    @Override
    public Mono<Boolean> release(String key, String marker) {
        return Mono.fromSupplier(() -> {
            synchronized (entries) {
                Entry current = live(key);
                if (current == null || !current.value().equals(marker)) {
                    return false;
                }
                entries.remove(key);
                return true;
            }
        });
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry != null && nanoTime.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private void put(String key, String value, Duration ttl) {
        // Re-inserted at the end, so that the map's order is the order of last writes.
        entries.remove(key);
        if (entries.size() >= maxKeys) {
            evict();
        }
        entries.put(key, new Entry(value, nanoTime.getAsLong() + ttl.toNanos()));
    }

    // The least recently written entry goes first; a request still in progress wrote its marker recently.
    private void evict() {
        Iterator<String> oldest = entries.keySet().iterator();
        while (entries.size() >= maxKeys && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
