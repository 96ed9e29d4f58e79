package org.tta.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A token bucket: up to {@code capacity} requests at once, refilled by {@code refill} tokens spread
 * evenly over each {@code period}.
 *
 * @param capacity the burst a caller may send at once
 * @param refill   tokens added back per period
 * @param period   the refill period
 */
public record Budget(
        @DefaultValue("60") @Min(1) @Max(1_000_000_000) long capacity,
        @DefaultValue("60") @Min(1) @Max(1_000_000_000) long refill,
        @DefaultValue("1m") @NotNull Duration period) {

    public Budget {
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("a rate-limit period must be positive");
        }
    }

    public static Budget of(long capacity, long refill, Duration period) {
        return new Budget(capacity, refill, period);
    }

    /** Seconds to refill an empty bucket: the window {@code w} of the {@code RateLimit-Policy} header. */
    long windowSeconds() {
        return Math.max(1, (long) Math.ceil((double) capacity / refill * period.toNanos() / 1e9));
    }

    /** Tokens per second, for comparing budgets of different periods. */
    double ratePerSecond() {
        return refill * 1e9 / period.toNanos();
    }

    static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
