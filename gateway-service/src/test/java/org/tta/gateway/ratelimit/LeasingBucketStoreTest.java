package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class LeasingBucketStoreTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    private final AtomicLong clock = new AtomicLong();
    private final SharedBuckets shared = new SharedBuckets();

    private static LimitPolicy perHour(long capacity) {
        return new LimitPolicy("user", "all", Budget.of(capacity, capacity, Duration.ofHours(1)));
    }

    private LeasingBucketStore instance(double maxShare) {
        return new LeasingBucketStore(shared, shared, 64, maxShare, TTL, Duration.ofSeconds(5), 1000, clock::get);
    }

    private static boolean allowed(BucketStore store, String key, LimitPolicy policy) {
        return store.consume(key, policy).blockOptional().orElseThrow().allowed();
    }

    @Test
    void neverAdmitsMoreThanTheSharedBucketHoldsAcrossTwoInstances() {
        LimitPolicy policy = perHour(1000);
        LeasingBucketStore first = instance(0.02);
        LeasingBucketStore second = instance(0.02);
        long lease = first.maxLease(policy);
        assertThat(lease).isEqualTo(20);

        int admitted = 0;
        for (int i = 0; i < 1500; i++) {
            admitted += allowed(i % 3 == 0 ? second : first, "k", policy) ? 1 : 0;
            if (i == 900) {
                assertThat(admitted).isEqualTo(901);
                assertThat(shared.leaseRequests()).as("a busy key asks the shared bucket once per lease, not per request")
                        .isLessThan(100);
            }
        }

        assertThat(admitted).as("every admitted request spent a token of the shared bucket").isLessThanOrEqualTo(1000)
                .as("refused early by at most what the two leases still hold").isGreaterThanOrEqualTo(1000 - 2 * (int) lease);
    }

    @Test
    void aQuietCallerTakesExactlyOneTokenPerRequestFromTheSharedBucket() {
        LimitPolicy policy = perHour(1000);
        LeasingBucketStore store = instance(0.02);

        assertThat(allowed(store, "k", policy)).isTrue();
        clock.addAndGet(TTL.toNanos() * 5);
        assertThat(allowed(store, "k", policy)).isTrue();

        assertThat(shared.available("k", policy)).isEqualTo(998);
        assertThat(shared.asked()).containsExactly(1L, 1L);
    }

    @Test
    void dropsLeasedTokensAfterTheirLifetimeAndLeasesLessNextTime() {
        LimitPolicy policy = perHour(1000);
        LeasingBucketStore store = instance(0.02);
        for (int i = 0; i < 4; i++) {
            assertThat(allowed(store, "k", policy)).isTrue();
        }
        // leases of 1, 2, then 4 of which one is used: 3 left when the lease expires
        assertThat(shared.asked()).containsExactly(1L, 2L, 4L);

        clock.addAndGet(TTL.toNanos());
        assertThat(allowed(store, "k", policy)).isTrue();

        assertThat(shared.asked()).as("the expired lease is not used; the next one is half as large").containsExactly(1L, 2L, 4L, 2L);
        assertThat(shared.available("k", policy)).as("dropped tokens are not handed back").isEqualTo(1000 - 1 - 2 - 4 - 2);
    }

    @Test
    void refusesWithTheTimeToWaitOnceTheSharedBucketIsEmpty() {
        LimitPolicy policy = perHour(10);
        LeasingBucketStore store = instance(0.5);
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += allowed(store, "k", policy) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(10);

        Decision refused = store.consume("k", policy).block();

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.nanosToRetry()).isPositive();
    }

    @Test
    void decidesSmallBudgetsOneTokenAtATimeWithoutLeasing() {
        LimitPolicy twenty = perHour(20);
        LeasingBucketStore store = instance(0.02);
        assertThat(store.maxLease(twenty)).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            assertThat(allowed(store, "k", twenty)).isTrue();
        }

        assertThat(shared.exactDecisions()).isEqualTo(5);
        assertThat(shared.leaseRequests()).isZero();
    }

    @Test
    void asksForOneLeaseAtATimePerKeyWhileRequestsWait() {
        LimitPolicy policy = perHour(1000);
        Sinks.One<Grant> answer = Sinks.one();
        List<Long> asked = new ArrayList<>();
        LeaseSource slow = (key, p, max) -> {
            asked.add(max);
            return asked.size() == 1 ? answer.asMono() : Mono.just(Grant.of(max, 900, 0));
        };
        LeasingBucketStore store = new LeasingBucketStore(shared, slow, 64, 0.02, TTL, Duration.ofSeconds(5), 1000, clock::get);

        List<Decision> decisions = new ArrayList<>();
        Flux.range(0, 8).flatMap(i -> store.consume("k", policy)).subscribe(decisions::add);
        assertThat(asked).as("eight requests, one lease request in flight").containsExactly(1L);

        answer.tryEmitValue(Grant.of(1, 999, 0));

        assertThat(decisions).hasSize(8).allMatch(Decision::allowed);
        assertThat(asked.getFirst()).isEqualTo(1L);
        assertThat(asked.size()).as("the waiters were served by a few growing leases").isLessThan(8);
    }

    /** Exact in-memory buckets standing for Redis: both the one-token store and the lease source. */
    private static final class SharedBuckets implements BucketStore, LeaseSource {
        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        private final List<Long> asked = new ArrayList<>();
        private int exact;

        private Bucket bucket(String key, LimitPolicy policy) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(policy.budget().capacity())
                            .refillGreedy(policy.budget().refill(), policy.budget().period()))
                    .build());
        }

        @Override
        public synchronized Mono<Decision> consume(String key, LimitPolicy policy) {
            exact++;
            return Mono.just(Decision.of(policy, bucket(key, policy).tryConsumeAndReturnRemaining(1)));
        }

        @Override
        public synchronized Mono<Grant> take(String key, LimitPolicy policy, long max) {
            asked.add(max);
            Bucket bucket = bucket(key, policy);
            long taken = bucket.tryConsumeAsMuchAsPossible(max);
            return Mono.just(taken > 0 ? Grant.of(taken, bucket.getAvailableTokens(), 0)
                    : Grant.of(policy, bucket.tryConsumeAndReturnRemaining(1)));
        }

        synchronized long available(String key, LimitPolicy policy) {
            return bucket(key, policy).getAvailableTokens();
        }

        synchronized List<Long> asked() {
            return List.copyOf(asked);
        }

        synchronized int leaseRequests() {
            return asked.size();
        }

        synchronized int exactDecisions() {
            return exact;
        }
    }
}
