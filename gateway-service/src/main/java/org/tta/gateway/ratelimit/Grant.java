package org.tta.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Tokens taken from a shared bucket in one go, for {@link LeasingBucketStore}.
 *
 * @param tokens      how many were taken (0 when refused)
 * @param remaining   tokens left in the shared bucket after taking them
 * @param nanosToFull how long until the shared bucket is full again
 * @param refusal     the refused decision when {@code tokens} is 0, else null
 */
record Grant(long tokens, long remaining, long nanosToFull, Decision refusal) {

    static Grant of(long tokens, long remaining, long nanosToFull) {
        return new Grant(tokens, Math.max(0, remaining), nanosToFull, null);
    }

    /** From a single-token probe: one token, or the refusal. */
    static Grant of(LimitPolicy policy, ConsumptionProbe probe) {
        return probe.isConsumed() ? of(1, probe.getRemainingTokens(), probe.getNanosToWaitForReset())
                : new Grant(0, 0, probe.getNanosToWaitForReset(), Decision.of(policy, probe));
    }
}
