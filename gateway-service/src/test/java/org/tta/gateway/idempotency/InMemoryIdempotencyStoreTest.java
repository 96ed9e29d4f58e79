package org.tta.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The standalone store behaves like the Redis one for the guard, and stays bounded. */
class InMemoryIdempotencyStoreTest {

    private final AtomicLong now = new AtomicLong();
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(3, now::get);

    @Test
    void claimsAKeyOnlyOnceUntilItExpires() {
        assertThat(store.claim("k", "m1", Duration.ofSeconds(30)).block()).isTrue();
        assertThat(store.claim("k", "m2", Duration.ofSeconds(30)).block()).isFalse();

        now.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(store.get("k").block()).isNull();
        assertThat(store.claim("k", "m2", Duration.ofSeconds(30)).block()).isTrue();
    }

    @Test
    void completesAndReleasesOnlyItsOwnMarker() {
        store.claim("k", "mine", Duration.ofSeconds(30)).block();

        assertThat(store.release("k", "theirs").block()).isFalse();
        assertThat(store.complete("k", "theirs", "result", Duration.ofHours(1)).block()).isFalse();
        assertThat(store.complete("k", "mine", "result", Duration.ofHours(1)).block()).isTrue();
        assertThat(store.get("k").block()).isEqualTo("result");
        assertThat(store.release("k", "mine").block()).isFalse();
    }

    @Test
    void replacesOnlyTheExactValueItExpects() {
        store.claim("k", "expired lease", Duration.ofHours(1)).block();

        assertThat(store.replace("k", "another lease", "mine", Duration.ofHours(1)).block()).isFalse();
        assertThat(store.replace("missing", "expired lease", "mine", Duration.ofHours(1)).block()).isFalse();
        assertThat(store.replace("k", "expired lease", "mine", Duration.ofHours(1)).block()).isTrue();
        assertThat(store.replace("k", "expired lease", "second retry", Duration.ofHours(1)).block()).isFalse();
        assertThat(store.get("k").block()).isEqualTo("mine");
        assertThat(store.get("missing").block()).isNull();
    }

    @Test
    void dropsTheLeastRecentlyWrittenKeyWhenFull() {
        for (String key : new String[] {"a", "b", "c", "d"}) {
            store.claim(key, "m", Duration.ofHours(1)).block();
        }

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.get("a").block()).isNull();
        assertThat(store.get("d").block()).isEqualTo("m");
    }
}
