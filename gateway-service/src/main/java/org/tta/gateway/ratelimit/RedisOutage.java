package org.tta.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the rate limiter should ask Redis. After a failure Redis is left alone for the retry
 * interval (the local limiter decides meanwhile), then one request probes it. Logs once when an
 * outage starts and once when it ends, never per request. Thread-safe.
 */
final class RedisOutage {

    private static final Logger log = LoggerFactory.getLogger(RedisOutage.class);

    private final long retryNanos;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong nextProbe = new AtomicLong();
    private final Counter outages;
    private final Counter fallbacks;

    RedisOutage(Duration retryInterval, MeterRegistry meters) {
        this.retryNanos = retryInterval.toNanos();
        this.outages = Counter.builder("tta.gateway.ratelimit.redis.outages")
                .description("Times the rate limiter lost Redis and fell back to its local limiter").register(meters);
        this.fallbacks = Counter.builder("tta.gateway.ratelimit.local.decisions")
                .description("Rate-limit decisions taken by the local limiter because Redis was unavailable").register(meters);
        Gauge.builder("tta.gateway.ratelimit.redis.available", down, d -> d.get() ? 0 : 1)
                .description("1 while the rate limiter uses Redis, 0 while it falls back to its local limiter").register(meters);
    }

    /** True when Redis should be asked: it is up, or it is this caller's turn to probe it. */
    boolean shouldTry() {
        if (!down.get()) {
            return true;
        }
        long now = System.nanoTime();
        long due = nextProbe.get();
        return now - due >= 0 && nextProbe.compareAndSet(due, now + retryNanos);
    }

    void failed(Throwable error) {
        nextProbe.set(System.nanoTime() + retryNanos);
        if (down.compareAndSet(false, true)) {
            outages.increment();
            // The class only: a Redis exception message can carry the key, which can carry a subject.
            log.warn("Redis unavailable for rate limits ({}); the local limiter decides per instance until it returns",
                    error.getClass().getSimpleName());
        }
    }

    void succeeded() {
        if (down.get() && down.compareAndSet(true, false)) {
            log.info("Redis available again for rate limits; buckets are shared by all instances again");
        }
    }

    void fellBack() {
        fallbacks.increment();
    }

    boolean isDown() {
        return down.get();
    }
}
