package org.tta.gateway.realtime.delivery.cache;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.redis.SharedStateProperties;

/** The history cache in Redis, or none when it is disabled or state is kept in memory (the standalone run). */
@Configuration(proxyBeanMethods = false)
class HistoryCacheConfig {

    @Bean
    HistoryCache historyCache(HistoryCacheProperties cache, SharedStateProperties shared, RealtimeProperties realtime,
                              ObjectProvider<ReactiveStringRedisTemplate> redis, MeterRegistry meters) {
        if (!cache.enabled() || shared.store() != SharedStateProperties.Store.REDIS) {
            return new NoHistoryCache();
        }
        return new RedisHistoryCache(redis.getObject(), shared, cache, realtime.maxReplay(), meters);
    }
}
