package org.tta.gateway.ratelimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One key's leased tokens and the requests waiting for the next lease, for {@link LeasingBucketStore}. Not
 * thread-safe: every method runs under the instance's own monitor, none does I/O.
 */
final class KeyLease {

    /** A request that found no leased token, in arrival order; completed outside the monitor. */
    record Waiter(CompletableFuture<Decision> decision, LimitPolicy policy, long since) {
    }

    /** Waiters to complete once the monitor is released, with their decisions (or the error for all). */
    record Outcome(List<Waiter> waiters, List<Decision> decisions, Throwable error) {
    }

    private final long limit;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private boolean fetching;
    private long size;
    private long tokens;
    private long expiresAt;
    private boolean leased;
    private boolean usedUpInTime;
    private long sharedRemaining;
    private long nanosToFull;

    KeyLease(long limit) {
        this.limit = limit;
    }

    /** One leased token, or null when none is left or the lease expired. */
    Decision take(LimitPolicy policy, long now) {
        if (tokens == 0 || now - expiresAt >= 0) {
            return null;
        }
        tokens--;
        if (tokens == 0) {
            usedUpInTime = true;
        }
        long remaining = Math.min(policy.budget().capacity(), sharedRemaining + tokens);
        return new Decision(policy, true, remaining, 0, nanosToFull);
    }

    /**
     * Queues a request behind the next lease. Returns how many tokens to ask the shared bucket for when this
     * request has to start the lease request, else 0 (one is in flight: it waits for that one or the next).
     */
    long await(Waiter waiter, long now, LeaseMetrics metrics) {
        waiting.add(waiter);
        if (fetching) {
            return 0;
        }
        fetching = true;
        return ask(now, metrics);
    }

    /**
     * Hands a grant's tokens to the waiters in arrival order and keeps the rest as the lease. Returns the next
     * ask when waiters are left (the grant was smaller than the queue), else 0 and no lease request is in flight.
     */
    long settle(Grant grant, long expiresAt, long now, Outcome outcome, LeaseMetrics metrics) {
        this.tokens = grant.tokens();
        this.expiresAt = expiresAt;
        this.sharedRemaining = grant.remaining();
        this.nanosToFull = grant.nanosToFull();
        this.leased = true;
        this.usedUpInTime = false;
        for (Waiter waiter = waiting.peek(); waiter != null; waiter = waiting.peek()) {
            if (waiter.decision().isDone()) {
                waiting.poll();
                continue;
            }
            Decision decision = take(waiter.policy(), now);
            if (decision == null) {
                break;
            }
            waiting.poll();
            outcome.waiters().add(waiter);
            outcome.decisions().add(decision);
        }
        if (waiting.isEmpty()) {
            fetching = false;
            return 0;
        }
        return ask(now, metrics);
    }

    /** Ends the lease request in flight for every waiter: a refusal (the shared bucket is empty) or an error. */
    void fail(Decision refusal, Outcome outcome) {
        for (Waiter waiter : waiting) {
            outcome.waiters().add(waiter);
            outcome.decisions().add(refusal == null ? null : new Decision(waiter.policy(), false, 0,
                    refusal.nanosToRetry(), refusal.nanosToFull()));
        }
        waiting.clear();
        fetching = false;
    }

    /** The requests waiting for the next lease. */
    int waiters() {
        return waiting.size();
    }

    /** The tokens still held (dropped with the lease when the key is forgotten). */
    long held() {
        return tokens;
    }

    static Outcome outcome(Throwable error) {
        return new Outcome(new ArrayList<>(), new ArrayList<>(), error);
    }

    /**
     * The next ask: one token for each waiter still there beyond the first, plus the lease proper, whose size
     * doubles when the previous one was used up within its lifetime and halves when asked for after it. Drops
     * what an expired lease still held. Tokens taken for waiters are spent at once, so what is left held after a
     * grant is at most the lease proper: the early-refusal bound of the largest lease still holds.
     */
    private long ask(long now, LeaseMetrics metrics) {
        waiting.removeIf(waiter -> waiter.decision().isDone());
        boolean expired = now - expiresAt >= 0;
        if (!leased) {
            size = 1;
        } else if (expired) {
            size = Math.max(1, size / 2);
        } else if (usedUpInTime) {
            size = Math.min(limit, size * 2);
        }
        metrics.expired(tokens);
        tokens = 0;
        usedUpInTime = false;
        return size + Math.max(0, waiting.size() - 1);
    }
}
