package org.tta.gateway.ratelimit;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The meters of rate-limit leases (ADR 0015), registered once, under {@code tta.gateway.ratelimit.lease}. */
final class LeaseMetrics {

    private final Counter asked;
    private final Counter granted;
    private final Counter tokens;
    private final Counter expired;
    private final Timer waits;
    private final Counter overflowed;

    LeaseMetrics(MeterRegistry meters) {
        this.asked = Counter.builder("tta.gateway.ratelimit.lease.requests")
                .description("Leases asked of the shared buckets").register(meters);
        this.granted = Counter.builder("tta.gateway.ratelimit.lease.granted")
                .description("Leases that got at least one token").register(meters);
        this.tokens = Counter.builder("tta.gateway.ratelimit.lease.tokens")
                .description("Tokens taken from the shared buckets by leases").register(meters);
        this.expired = Counter.builder("tta.gateway.ratelimit.lease.expired")
                .description("Leased tokens dropped unused at the end of their lifetime (never handed back)").register(meters);
        this.waits = Timer.builder("tta.gateway.ratelimit.lease.wait")
                .description("Requests that found no leased token and waited for a lease, and how long").register(meters);
        this.overflowed = Counter.builder("tta.gateway.ratelimit.lease.overflowed")
                .description("Requests decided one token at a time because their key's lease queue was full").register(meters);
    }

    void asked() {
        asked.increment();
    }

    void granted(long count) {
        if (count > 0) {
            granted.increment();
            tokens.increment(count);
        }
    }

    void expired(long count) {
        if (count > 0) {
            expired.increment(count);
        }
    }

    void overflowed() {
        overflowed.increment();
    }

    void waited(long nanos) {
        waits.record(nanos, TimeUnit.NANOSECONDS);
    }
}
