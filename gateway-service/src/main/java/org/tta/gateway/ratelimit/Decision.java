package org.tta.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The outcome of taking one token from a bucket.
 *
 * @param policy         the policy whose bucket was asked
 * @param allowed        whether a token was taken
 * @param remaining      tokens left after this request
 * @param nanosToRetry   when rejected, how long until a token is available
 * @param nanosToFull    how long until the bucket is full again
 */
record Decision(LimitPolicy policy, boolean allowed, long remaining, long nanosToRetry, long nanosToFull) {

    static Decision of(LimitPolicy policy, ConsumptionProbe probe) {
        return new Decision(policy, probe.isConsumed(), Math.max(0, probe.getRemainingTokens()),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset());
    }

    /** Whole seconds to wait before retrying, at least one (the {@code Retry-After} value). */
    long retryAfterSeconds() {
        return Math.max(1, Budget.ceilSeconds(nanosToRetry));
    }

    /** The {@code t} parameter of the {@code RateLimit} header. */
    long resetSeconds() {
        return allowed ? Budget.ceilSeconds(nanosToFull) : retryAfterSeconds();
    }
}
