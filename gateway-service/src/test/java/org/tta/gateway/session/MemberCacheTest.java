package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MemberCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final MemberCache cache = new MemberCache(Duration.ofSeconds(2), 100, nanos::get);

    @Test
    void trustsAPositiveAnswerForItsTtlAndNotLonger() {
        cache.remember("s1", "alice", cache.generation());

        nanos.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(cache.isKnownMember("s1", "alice")).isTrue();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.isKnownMember("s1", "alice")).isFalse();
    }

    @Test
    void forgetsOnlyTheChangedSession() {
        cache.remember("s1", "alice", cache.generation());
        cache.remember("s2", "alice", cache.generation());

        cache.forget("s1");

        assertThat(cache.isKnownMember("s1", "alice")).isFalse();
        assertThat(cache.isKnownMember("s2", "alice")).isTrue();
    }

    @Test
    void neverStoresAnAnswerReadBeforeAChange() {
        long readBeforeChange = cache.generation();
        cache.forget("s1");

        cache.remember("s1", "bob", readBeforeChange);

        assertThat(cache.isKnownMember("s1", "bob")).isFalse();
    }

    @Test
    void knowsNobodyItWasNotTold() {
        cache.remember("s1", "alice", cache.generation());

        assertThat(cache.isKnownMember("s1", "bob")).isFalse();
        assertThat(cache.isKnownMember("s2", "alice")).isFalse();
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        MemberCache off = new MemberCache(Duration.ZERO, 100, nanos::get);

        off.remember("s1", "alice", off.generation());

        assertThat(off.isKnownMember("s1", "alice")).isFalse();
    }
}
