package org.tta.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * Blocks in this JVM: the block list of the standalone run, and each instance's own record of the
 * addresses it blocked (so they stay blocked here while Redis is down). Bounded; entries expire
 * when their block does.
 */
final class InMemoryBlockList implements BlockList {

    private static final long MAX_ADDRESSES = 100_000;

    private final Cache<String, Boolean> blocked;

    InMemoryBlockList(Duration duration) {
        this.blocked = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterWrite(duration).build();
    }

    @Override
    public Mono<Boolean> isBlocked(String address) {
        return Mono.just(blocked.getIfPresent(address) != null);
    }

    @Override
    public Mono<Boolean> block(String address) {
        return Mono.fromSupplier(() -> blocked.asMap().putIfAbsent(address, Boolean.TRUE) == null);
    }

    @Override
    public long blockedCount() {
        blocked.cleanUp();
        return blocked.estimatedSize();
    }
}
