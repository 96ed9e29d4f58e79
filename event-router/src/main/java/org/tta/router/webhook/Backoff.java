package org.tta.router.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.tta.router.config.DeliveryDefaults;
import org.tta.schemas.subscription.DeliveryPolicy;

/**
 * A subscription's delivery policy with the defaults filled in.
 *
 * @param retry retries after the first attempt
 */
record Backoff(int retry, boolean exponential, Duration delay, Duration max, double jitter, Duration timeout,
        Duration retryAfterMax) {

    static Backoff of(DeliveryPolicy policy, DeliveryDefaults defaults) {
        DeliveryPolicy p = policy == null ? new DeliveryPolicy(null, null, null, null, null, null, null) : policy;
        return new Backoff(
                p.retry() != null ? p.retry() : defaults.retry(),
                DeliveryPolicy.EXPONENTIAL.equals(p.backoffPolicy() != null ? p.backoffPolicy() : defaults.backoffPolicy()),
                p.backoffDelay() != null ? p.backoffDelay() : defaults.backoffDelay(),
                p.maxBackoff() != null ? p.maxBackoff() : defaults.maxBackoff(),
                defaults.jitter(),
                p.timeout() != null ? p.timeout() : defaults.timeout(),
                p.retryAfterMax() != null ? p.retryAfterMax() : defaults.retryAfterMax());
    }

    /**
     * The wait before retry number {@code retryNumber} (1-based): delay x 2^(n-1) or delay x n,
     * capped, with the jitter fraction drawn at random; a Retry-After (capped) wins when longer.
     */
    Duration before(int retryNumber, Duration retryAfter) {
        long base = delay.toMillis();
        long millis = exponential ? base << Math.min(retryNumber - 1, 30) : base * retryNumber;
        millis = Math.min(Math.max(millis, 0), max.toMillis());
        long jittered = Math.round(millis * (1 - jitter * ThreadLocalRandom.current().nextDouble()));
        if (retryAfter != null) {
            jittered = Math.max(jittered, Math.min(retryAfter.toMillis(), retryAfterMax.toMillis()));
        }
        return Duration.ofMillis(jittered);
    }
}
