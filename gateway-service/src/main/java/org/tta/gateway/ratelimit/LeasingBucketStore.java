package org.tta.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Decides a busy bucket's requests from tokens leased from the shared store in chunks, so that a hot key
 * (an address, a busy user or service) costs one Redis round trip per chunk instead of one per request
 * (ADR 0015).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Never more admitted than the shared bucket allows, across all instances: every allowed request
 *       spends a token that was taken from the shared bucket before.</li>
 *   <li>A leased token not used within {@code ttl} is dropped, never handed back, so an instance can refuse a
 *       caller early by at most the tokens its lease still holds: at most {@link #maxLease} of a bucket
 *       ({@code maxTokens}, and at most {@code maxShare} of its capacity). Tokens taken for requests already
 *       waiting are handed to them at once and never held.</li>
 *   <li>Quiet keys stay exact: a key's first lease is one token; a lease doubles only when the previous one
 *       was used up and more is asked for within its lifetime, and halves when it is asked for after that.
 *       A policy whose largest lease is one token goes straight to the exact store, as without leasing.</li>
 *   <li>At most one lease request per key is in flight; requests arriving meanwhile queue for it and are
 *       served in arrival order, and the next lease request asks for one token per request still waiting on
 *       top of the lease, so that no request waits for more than two lease requests unless the bucket runs dry.</li>
 * </ul>
 * A key's queue of waiting requests is bounded ({@link #MAX_WAITERS_PER_KEY}); a request that finds it full is
 * decided by the exact store, one token from the shared bucket, as without leasing, and counted.
 * Never blocks: the per-key state changes in short synchronized sections without I/O; waiters are completed
 * outside them, each continuing on {@code waiters} (the request's work must not queue behind the others').
 * Thread-safe.
 */
final class LeasingBucketStore implements BucketStore {

    private final BucketStore exact;
    private final LeaseSource shared;
    private final long maxTokens;
    private final double maxShare;
    private final long ttlNanos;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Scheduler waiters;
    private final LeaseMetrics metrics;
    private final Cache<String, KeyLease> leases;

    /** The most requests one key's lease queue holds; more are decided one token at a time by the exact store. */
    static final int MAX_WAITERS_PER_KEY = 4096;

    /**
     * @param exact     the one-token-per-request store, for policies too small to lease from
     * @param shared    where leases come from (the same buckets as {@code exact})
     * @param maxTokens the largest lease
     * @param maxShare  the largest lease as a share of the bucket's capacity
     * @param ttl       how long leased tokens may be used
     * @param timeout   the longest wait for a lease (then the waiting requests fail, and the caller's fallback decides)
     * @param maxKeys   the most keys whose leases are kept
     * @param waiters   where a request that waited for a lease continues
     */
    LeasingBucketStore(BucketStore exact, LeaseSource shared, long maxTokens, double maxShare, Duration ttl,
                       Duration timeout, long maxKeys, LongSupplier nanoTime, Scheduler waiters, LeaseMetrics metrics) {
        this.exact = exact;
        this.shared = shared;
        this.maxTokens = maxTokens;
        this.maxShare = maxShare;
        this.ttlNanos = ttl.toNanos();
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.waiters = waiters;
        this.metrics = metrics;
        this.leases = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(ttl.multipliedBy(2))
                .executor(Runnable::run)
                .<String, KeyLease>removalListener((key, lease, cause) -> forgotten(lease, cause))
                .build();
    }

    @Override
    public Mono<Decision> consume(String key, LimitPolicy policy) {
        long limit = maxLease(policy);
        if (limit <= 1) {
            return exact.consume(key, policy);
        }
        return Mono.defer(() -> consume(leases.get(key + "|" + policy.budget(), k -> new KeyLease(limit)), key, policy));
    }

    /** The largest lease for the policy's buckets: at most {@code maxTokens} and {@code maxShare} of the capacity. */
    long maxLease(LimitPolicy policy) {
        return Math.max(1, Math.min(maxTokens, (long) (policy.budget().capacity() * maxShare)));
    }

    private Mono<Decision> consume(KeyLease lease, String key, LimitPolicy policy) {
        KeyLease.Waiter waiter;
        long ask;
        synchronized (lease) {
            long now = nanoTime.getAsLong();
            Decision local = lease.take(policy, now);
            if (local != null) {
                return Mono.just(local);
            }
            if (lease.waiters() >= MAX_WAITERS_PER_KEY) {
                waiter = null;
                ask = 0;
            } else {
                waiter = new KeyLease.Waiter(new CompletableFuture<>(), policy, now);
                ask = lease.await(waiter, now, metrics);
            }
        }
        if (waiter == null) {
            metrics.overflowed();
            return exact.consume(key, policy);
        }
        if (ask > 0) {
            fetch(lease, key, policy, ask);
        }
        // A waiter that gives up (timeout, cancel) cancels only its own place in the queue, not the lease request.
        return Mono.fromFuture(waiter.decision(), false).publishOn(waiters);
    }

    private void fetch(KeyLease lease, String key, LimitPolicy policy, long ask) {
        metrics.asked();
        shared.take(key, policy, ask)
                .timeout(timeout)
                .subscribe(grant -> settle(lease, key, policy, grant), error -> fail(lease, error));
    }

    private void settle(KeyLease lease, String key, LimitPolicy policy, Grant grant) {
        metrics.granted(grant.tokens());
        KeyLease.Outcome outcome = KeyLease.outcome(null);
        long next = 0;
        long now;
        synchronized (lease) {
            now = nanoTime.getAsLong();
            if (grant.tokens() > 0) {
                next = lease.settle(grant, now + ttlNanos, now, outcome, metrics);
            } else {
                lease.fail(grant.refusal(), outcome);
            }
        }
        // Completing only hands the served requests to the waiters' scheduler: the next lease request leaves at once.
        complete(outcome, now);
        if (next > 0) {
            fetch(lease, key, policy, next);
        }
    }

    private void fail(KeyLease lease, Throwable error) {
        KeyLease.Outcome outcome = KeyLease.outcome(error);
        long now;
        synchronized (lease) {
            now = nanoTime.getAsLong();
            lease.fail(null, outcome);
        }
        complete(outcome, now);
    }

    private void complete(KeyLease.Outcome outcome, long now) {
        for (int i = 0; i < outcome.waiters().size(); i++) {
            KeyLease.Waiter waiter = outcome.waiters().get(i);
            if (waiter.decision().isDone()) {
                continue;
            }
            metrics.waited(now - waiter.since());
            if (outcome.error() != null) {
                waiter.decision().completeExceptionally(outcome.error());
            } else {
                waiter.decision().complete(outcome.decisions().get(i));
            }
        }
    }

    private void forgotten(KeyLease lease, RemovalCause cause) {
        if (lease != null && cause.wasEvicted()) {
            synchronized (lease) {
                metrics.expired(lease.held());
            }
        }
    }
}
