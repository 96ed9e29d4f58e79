package org.tta.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

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
 *       ({@code maxTokens}, and at most {@code maxShare} of its capacity).</li>
 *   <li>Quiet keys stay exact: a key's first lease is one token; a lease doubles only when the previous one
 *       was used up and more is asked for within its lifetime, and halves when it is asked for after that. A policy whose largest lease is
 *       one token goes straight to the exact store, as without leasing.</li>
 *   <li>At most one lease request per key is in flight; requests arriving meanwhile wait for it.</li>
 * </ul>
 * Never blocks: the per-key state changes in short synchronized sections without I/O. Thread-safe.
 */
final class LeasingBucketStore implements BucketStore {

    private final BucketStore exact;
    private final LeaseSource shared;
    private final long maxTokens;
    private final double maxShare;
    private final long ttlNanos;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Cache<String, Lease> leases;

    /**
     * @param exact     the one-token-per-request store, for policies too small to lease from
     * @param shared    where leases come from (the same buckets as {@code exact})
     * @param maxTokens the largest lease
     * @param maxShare  the largest lease as a share of the bucket's capacity
     * @param ttl       how long leased tokens may be used
     * @param timeout   the longest wait for a lease (then the waiting requests fail, and the caller's fallback decides)
     */
    LeasingBucketStore(BucketStore exact, LeaseSource shared, long maxTokens, double maxShare, Duration ttl,
                       Duration timeout, long maxKeys, LongSupplier nanoTime) {
        this.exact = exact;
        this.shared = shared;
        this.maxTokens = maxTokens;
        this.maxShare = maxShare;
        this.ttlNanos = ttl.toNanos();
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.leases = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(ttl.multipliedBy(2)).build();
    }

    @Override
    public Mono<Decision> consume(String key, LimitPolicy policy) {
        long limit = maxLease(policy);
        if (limit <= 1) {
            return exact.consume(key, policy);
        }
        return Mono.defer(() -> consume(leases.get(key + "|" + policy.budget(), k -> new Lease(limit)), key, policy));
    }

    /** The largest lease for the policy's buckets: at most {@code maxTokens} and {@code maxShare} of the capacity. */
    long maxLease(LimitPolicy policy) {
        return Math.max(1, Math.min(maxTokens, (long) (policy.budget().capacity() * maxShare)));
    }

    private Mono<Decision> consume(Lease lease, String key, LimitPolicy policy) {
        CompletableFuture<Grant> pending;
        long ask = 0;
        synchronized (lease) {
            long now = nanoTime.getAsLong();
            Decision local = lease.take(policy, now);
            if (local != null) {
                return Mono.just(local);
            }
            if (lease.pending == null) {
                lease.pending = new CompletableFuture<>();
                ask = lease.nextSize(now);
            }
            pending = lease.pending;
        }
        if (ask > 0) {
            fetch(lease, pending, key, policy, ask);
        }
        // Several requests wait for one lease: one giving up (timeout, cancel) must not cancel it for the others.
        return Mono.fromFuture(pending, true)
                .flatMap(grant -> grant.refusal() != null ? Mono.just(grant.refusal()) : consume(lease, key, policy));
    }

    private void fetch(Lease lease, CompletableFuture<Grant> pending, String key, LimitPolicy policy, long ask) {
        shared.take(key, policy, ask)
                .timeout(timeout)
                .subscribe(grant -> settle(lease, pending, grant, null), error -> settle(lease, pending, null, error));
    }

    private void settle(Lease lease, CompletableFuture<Grant> pending, Grant grant, Throwable error) {
        synchronized (lease) {
            if (grant != null && grant.tokens() > 0) {
                lease.add(grant, nanoTime.getAsLong() + ttlNanos);
            }
            lease.pending = null;
        }
        if (error != null) {
            pending.completeExceptionally(error);
        } else {
            pending.complete(grant);
        }
    }

    /** One key's leased tokens; guarded by its own monitor. */
    private static final class Lease {
        private final long limit;
        private long size;
        private long tokens;
        private long expiresAt;
        private boolean leased;
        private boolean usedUpInTime;
        private long sharedRemaining;
        private long nanosToFull;
        private CompletableFuture<Grant> pending;

        Lease(long limit) {
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
         * The size of the next lease: twice the last one when it was used up and more is asked for within its
         * lifetime, half of it once that lifetime is over (demand fell). Drops what an expired lease still held.
         */
        long nextSize(long now) {
            boolean expired = now - expiresAt >= 0;
            if (!leased) {
                size = 1;
            } else if (expired) {
                size = Math.max(1, size / 2);
            } else if (usedUpInTime) {
                size = Math.min(limit, size * 2);
            }
            tokens = 0;
            usedUpInTime = false;
            return size;
        }

        void add(Grant grant, long expiresAt) {
            this.tokens = grant.tokens();
            this.expiresAt = expiresAt;
            this.sharedRemaining = grant.remaining();
            this.nanosToFull = grant.nanosToFull();
            this.leased = true;
            this.usedUpInTime = false;
        }
    }
}
