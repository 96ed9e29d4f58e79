package org.tta.gateway.ratelimit;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.publish.PublishPressure;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.scheduler.Schedulers;

/**
 * Wires rate limiting: the IP filter before Spring Security, the caller filter after it, and the
 * stores behind them, shared in Redis ({@code tta.redis.store=redis}) or in this JVM
 * ({@code in-memory}). Kept in the feature package so its parts stay package-private.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tta.gateway.rate-limits", name = "enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry meters, BlockList blockList) {
        RateLimitMetrics metrics = new RateLimitMetrics(meters);
        metrics.blockedAddresses(blockList, BlockList::blockedCount);
        return metrics;
    }

    @Bean
    LimitPolicies limitPolicies(RateLimitProperties properties) {
        return new LimitPolicies(properties);
    }

    @Bean
    ClientAddresses clientAddresses(RateLimitProperties properties) {
        return new ClientAddresses(properties.trustedProxies());
    }

    @Bean
    AbuseMonitor abuseMonitor(BucketStore rateLimitBuckets, BlockList blockList, ClientAddresses addresses,
                              SharedStateProperties keys, RateLimitMetrics metrics, RateLimitProperties properties,
                              ObjectProvider<BlockListener> listener) {
        return new AbuseMonitor(rateLimitBuckets, blockList, addresses, keys, metrics, properties.block(),
                listener.getIfAvailable(() -> BlockListener.NONE));
    }

    @Bean
    IpLimitFilter ipLimitFilter(LimitPolicies policies, ClientAddresses addresses, BlockList blockList,
                                BucketStore rateLimitBuckets, AbuseMonitor abuse, ProblemWriter problems,
                                RateLimitMetrics metrics, SharedStateProperties keys, RateLimitProperties properties) {
        return new IpLimitFilter(policies, addresses, blockList, rateLimitBuckets, abuse,
                responses(problems, properties), metrics, keys);
    }

    /** Without a {@link PublishPressure} (no publisher reports it) nothing is shed. */
    @Bean
    CallerLimiter callerLimiter(LimitPolicies policies, EscalationRegistry escalations,
                                ObjectProvider<PublishPressure> pressure, BucketStore rateLimitBuckets,
                                RateLimitMetrics metrics, SharedStateProperties keys, RateLimitProperties properties) {
        PublishPressure current = pressure.getIfAvailable(() -> () -> 0.0);
        return new CallerLimiter(policies, escalations, current::utilization, properties.shedding(),
                rateLimitBuckets, metrics, keys);
    }

    @Bean
    CallerLimitFilter callerLimitFilter(LimitPolicies policies, CallerLimiter limiter, ProblemWriter problems,
                                        RateLimitProperties properties) {
        return new CallerLimitFilter(policies, limiter, responses(problems, properties));
    }

    private static RateLimitResponses responses(ProblemWriter problems, RateLimitProperties properties) {
        return new RateLimitResponses(problems, properties.block().duration());
    }

    private static LocalBucketStore localBuckets(RateLimitProperties properties) {
        return new LocalBucketStore(properties.redis().localMaxBuckets(), properties.redis().localIdleExpiry());
    }

    /**
     * Buckets, block list and escalations in Redis, with the local limiter while Redis is unreachable. Busy buckets
     * are decided from tokens leased in chunks (ADR 0015).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
    static class Shared {

        @Bean
        RateLimitRedis rateLimitRedis(DataRedisConnectionDetails details, DataRedisProperties redisProperties,
                                      ObjectProvider<ClientResources> resources, RateLimitProperties properties) {
            DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
            if (standalone == null || details.getSentinel() != null || details.getCluster() != null) {
                throw new IllegalStateException("Rate limiting supports a standalone Redis (spring.data.redis.url or host/port)");
            }
            Duration timeout = properties.redis().timeout();
            RedisURI.Builder uri = RedisURI.builder().withHost(standalone.getHost()).withPort(standalone.getPort())
                    .withDatabase(standalone.getDatabase()).withTimeout(timeout);
            if (details.getPassword() != null) {
                if (details.getUsername() != null) {
                    uri.withAuthentication(details.getUsername(), details.getPassword().toCharArray());
                } else {
                    uri.withPassword(details.getPassword().toCharArray());
                }
            }
            Duration connectTimeout = redisProperties.getConnectTimeout() != null
                    ? redisProperties.getConnectTimeout() : Duration.ofSeconds(2);
            // Reject commands while disconnected instead of queueing them: the local limiter decides at once.
            ClientOptions.Builder options = ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                    .timeoutOptions(TimeoutOptions.enabled(timeout));
            SslBundle ssl = details.getSslBundle();
            if (ssl != null) {
                uri.withSsl(true);
                options.sslOptions(SslOptions.builder().jdkSslProvider()
                        .keyManager(ssl.getManagers().getKeyManagerFactory())
                        .trustManager(ssl.getManagers().getTrustManagerFactory()).build());
            }
            ClientResources shared = resources.getIfAvailable();
            RedisClient client = shared != null ? RedisClient.create(shared) : RedisClient.create();
            client.setOptions(options.build());
            return new RateLimitRedis(client, uri.build());
        }

        @Bean
        RedisOutage rateLimitRedisOutage(RateLimitProperties properties, MeterRegistry meters) {
            return new RedisOutage(properties.redis().retryInterval(), meters);
        }

        @Bean
        BucketStore rateLimitBuckets(RateLimitRedis redis, RedisOutage outage, RateLimitProperties properties,
                                     MeterRegistry meters) {
            RateLimitProperties.RedisFallback settings = properties.redis();
            RedisBucketStore buckets = new RedisBucketStore(redis, settings.localMaxBuckets());
            BucketStore leasing = new LeasingBucketStore(buckets, buckets, settings.leaseMaxTokens(), settings.leaseMaxShare(),
                    settings.leaseTtl(), settings.timeout(), settings.localMaxBuckets(), System::nanoTime,
                    Schedulers.parallel(), new LeaseMetrics(meters));
            return new FailoverBucketStore(leasing, localBuckets(properties), outage, settings.timeout());
        }

        @Bean
        BlockList blockList(RateLimitRedis redis, RedisOutage outage, SharedStateProperties keys,
                            RateLimitProperties properties) {
            return new RedisBlockList(redis, outage, keys.key("ratelimit", "blocked"), properties.block().duration(),
                    properties.block().cacheTtl(), properties.redis().timeout());
        }

        @Bean
        EscalationRegistry escalationRegistry(RateLimitRedis redis, RedisOutage outage, SharedStateProperties keys,
                                              RateLimitProperties properties) {
            return new RedisEscalationRegistry(redis, outage, keys.key("escalation", "open"),
                    properties.redis().escalationCacheTtl(), properties.redis().timeout());
        }
    }

    /** The single-instance standalone run: everything in this JVM, bounded. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "in-memory")
    static class InMemory {

        @Bean
        BucketStore rateLimitBuckets(RateLimitProperties properties) {
            return localBuckets(properties);
        }

        @Bean
        BlockList blockList(RateLimitProperties properties) {
            return new InMemoryBlockList(properties.block().duration());
        }

        @Bean
        InMemoryEscalationRegistry escalationRegistry() {
            return new InMemoryEscalationRegistry();
        }
    }
}
