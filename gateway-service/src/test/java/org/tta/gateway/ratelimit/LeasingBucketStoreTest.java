package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

class LeasingBucketStoreTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    private final AtomicLong clock = new AtomicLong();
    private final SharedBuckets shared = new SharedBuckets();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static LimitPolicy perHour(long capacity) {
        return new LimitPolicy("user", "all", Budget.of(capacity, capacity, Duration.ofHours(1)));
    }

    private LeasingBucketStore instance(double maxShare) {
        return instance(shared, maxShare);
    }

    private LeasingBucketStore instance(LeaseSource source, double maxShare) {
        return new LeasingBucketStore(shared, source, 64, maxShare, TTL, Duration.ofSeconds(5), 1000, clock::get,
                Schedulers.immediate(), new LeaseMetrics(meters));
    }

    /** The shared buckets, but the first lease request is answered only when the test emits on {@code first}. */
    private LeaseSource firstAnsweredBy(Sinks.One<Grant> first) {
        AtomicLong calls = new AtomicLong();
        return (key, policy, max) -> calls.getAndIncrement() == 0
                ? first.asMono().doOnNext(grant -> shared.take(key, policy, max).block())
                : shared.take(key, policy, max);
    }

    private double meter(String name) {
        return meters.get(name).meter().measure().iterator().next().getValue();
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
        assertThat(meter("tta.gateway.ratelimit.lease.expired")).as("the three dropped tokens are counted").isEqualTo(3);
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
    void asksForOneLeaseAtATimePerKeyAndForEveryWaiterInTheNext() {
        LimitPolicy policy = perHour(1000);
        Sinks.One<Grant> answer = Sinks.one();
        LeasingBucketStore store = instance(firstAnsweredBy(answer), 0.02);

        List<Decision> decisions = new ArrayList<>();
        Flux.range(0, 8).flatMap(i -> store.consume("k", policy)).subscribe(decisions::add);
        assertThat(shared.asked()).as("eight requests, one lease request in flight").isEmpty();

        answer.tryEmitValue(Grant.of(1, 999, 0));

        assertThat(decisions).hasSize(8).allMatch(Decision::allowed);
        assertThat(shared.asked()).as("the first lease (one token, asked for the first request) and then one for the "
                + "seven left waiting plus the doubled lease, less the token the first of them takes from it")
                .containsExactly(1L, 8L);
        assertThat(meter("tta.gateway.ratelimit.lease.wait")).as("requests that waited for a lease").isEqualTo(8);
        assertThat(meter("tta.gateway.ratelimit.lease.requests")).isEqualTo(2);
        assertThat(meter("tta.gateway.ratelimit.lease.granted")).isEqualTo(2);
        assertThat(meter("tta.gateway.ratelimit.lease.tokens")).isEqualTo(1 + 8);
    }

    @Test
    void servesWaitingRequestsInTheOrderTheyArrived() {
        LimitPolicy policy = perHour(1000);
        Sinks.One<Grant> answer = Sinks.one();
        LeasingBucketStore store = instance(firstAnsweredBy(answer), 0.02);
        List<Integer> served = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int arrival = i;
            store.consume("k", policy).subscribe(decision -> served.add(arrival));
        }

        answer.tryEmitValue(Grant.of(1, 999, 0));

        assertThat(served).as("the oldest waiter gets the first token; none is overtaken").containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void keepsNoMoreThanTheLargestLeaseAfterServingAQueueOfWaiters() {
        LimitPolicy policy = perHour(1000);
        Sinks.One<Grant> answer = Sinks.one();
        LeasingBucketStore store = instance(firstAnsweredBy(answer), 0.02);
        List<Decision> decisions = new ArrayList<>();
        Flux.range(0, 200).flatMap(i -> store.consume("k", policy), 256).subscribe(decisions::add);

        answer.tryEmitValue(Grant.of(1, 999, 0));

        assertThat(decisions).hasSize(200).allMatch(Decision::allowed);
        long held = 1000 - shared.available("k", policy) - 200;
        assertThat(held).as("tokens taken but not used: at most the largest lease").isBetween(0L, store.maxLease(policy));
    }

    @Test
    void refusesTheWaitersTheSharedBucketHasNoTokensForAndAdmitsNoMore() {
        LimitPolicy policy = perHour(10);
        Sinks.One<Grant> answer = Sinks.one();
        LeasingBucketStore store = instance(firstAnsweredBy(answer), 0.5);
        List<Decision> decisions = new ArrayList<>();
        Flux.range(0, 30).flatMap(i -> store.consume("k", policy), 64).subscribe(decisions::add);

        answer.tryEmitValue(Grant.of(1, 9, 0));

        assertThat(decisions).hasSize(30);
        assertThat(decisions.stream().filter(Decision::allowed).count()).as("exactly what the bucket held").isEqualTo(10);
        assertThat(decisions.stream().filter(d -> !d.allowed())).allMatch(d -> d.nanosToRetry() > 0);
    }

    @Test
    void aWaiterThatGivesUpLeavesItsTokenToTheNextWithoutCancellingTheLeaseRequest() {
        LimitPolicy policy = perHour(1000);
        Sinks.One<Grant> answer = Sinks.one();
        LeasingBucketStore store = instance(firstAnsweredBy(answer), 0.02);
        List<Integer> served = new ArrayList<>();
        store.consume("k", policy).subscribe(decision -> served.add(0)).dispose();
        store.consume("k", policy).subscribe(decision -> served.add(1));

        answer.tryEmitValue(Grant.of(1, 999, 0));

        assertThat(served).as("the one token of the first lease went to the request still waiting").containsExactly(1);
        assertThat(shared.asked()).as("no second lease request was needed").containsExactly(1L);
    }

    @Test
    void decidesRequestsBeyondAFullLeaseQueueOneTokenAtATimeInsteadOfQueueingThem() {
        LimitPolicy policy = perHour(100_000);
        Sinks.One<Grant> first = Sinks.one();
        LeasingBucketStore store = instance(firstAnsweredBy(first), 0.02);
        int queued = LeasingBucketStore.MAX_WAITERS_PER_KEY;

        List<Decision> decisions = new ArrayList<>();
        Flux.range(0, queued + 3).flatMap(i -> store.consume("k", policy), queued + 3).subscribe(decisions::add);

        assertThat(decisions).as("only the three beyond the full queue are decided while the lease is asked for")
                .hasSize(3).allMatch(Decision::allowed);
        assertThat(shared.exactDecisions()).isEqualTo(3);
        assertThat(meter("tta.gateway.ratelimit.lease.overflowed")).isEqualTo(3.0);

        first.tryEmitValue(Grant.of(1, 99_999, 0));

        assertThat(decisions).hasSize(queued + 3).allMatch(Decision::allowed);
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
