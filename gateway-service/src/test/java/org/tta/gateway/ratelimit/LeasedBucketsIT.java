package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.TtaIntegrationTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two gateway instances' leasing limiters (each with its own Redis connection, as in two processes) drawing from one
 * shared bucket in the real Redis at once: together they never admit more than the bucket holds.
 */
@TtaIntegrationTest
class LeasedBucketsIT {

    private static final LimitPolicy THOUSAND = new LimitPolicy("ip", "ip", Budget.of(1000, 1, Duration.ofHours(1)));

    private final List<RateLimitRedis> connections = new ArrayList<>();

    @AfterEach
    void disconnect() {
        connections.forEach(RateLimitRedis::destroy);
    }

    private LeasingBucketStore instance(TestInfrastructure infrastructure) {
        RateLimitRedis redis = new RateLimitRedis(RedisClient.create(), RedisURI.create(infrastructure.redisUri()));
        connections.add(redis);
        RedisBucketStore buckets = new RedisBucketStore(redis, 1000);
        return new LeasingBucketStore(buckets, buckets, 64, 0.02, Duration.ofSeconds(1), Duration.ofSeconds(5), 1000,
                System::nanoTime, Schedulers.parallel(), new LeaseMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void twoInstancesTogetherNeverAdmitMoreThanTheSharedBucketHolds(TestInfrastructure infrastructure, TestNamespace namespace) {
        LeasingBucketStore first = instance(infrastructure);
        LeasingBucketStore second = instance(infrastructure);
        String key = namespace.redisKeyPrefix() + "leased:ip:127.0.0.1";
        long lease = first.maxLease(THOUSAND);

        // 64 requests in flight per instance, 1,500 in all: more than the bucket holds
        long admitted = Flux.range(0, 1500)
                .flatMap(i -> (i % 2 == 0 ? first : second).consume(key, THOUSAND), 128)
                .filter(Decision::allowed)
                .count()
                .block(Duration.ofSeconds(60));

        assertThat(admitted).as("never more than the shared bucket holds").isLessThanOrEqualTo(1000)
                .as("refused early by at most what the two leases still hold").isGreaterThanOrEqualTo(1000 - 2 * lease);
        assertThat(new RedisBucketStore(connections.getFirst(), 10).consume(key, THOUSAND).block().allowed())
                .as("the shared bucket is spent").isFalse();
        connections.getFirst().session().flatMap(s -> Mono.fromCompletionStage(s.commands().del(key))).block();
    }
}
