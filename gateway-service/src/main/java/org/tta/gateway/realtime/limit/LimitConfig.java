package org.tta.gateway.realtime.limit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.realtime.ConnectionSlots;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.redis.SharedStateProperties;

/** The connection limit in Redis (across instances), or in this JVM for the one-instance standalone run. */
@Configuration(proxyBeanMethods = false)
class LimitConfig {

    @Bean
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
    ConnectionSlots redisConnectionSlots(ReactiveStringRedisTemplate redis, SharedStateProperties keys, SessionHub hub,
                                         RealtimeProperties properties) {
        return new RedisConnectionSlots(redis, keys, hub, properties.presenceTtl());
    }

    @Bean
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "in-memory")
    ConnectionSlots localConnectionSlots(SessionHub hub) {
        return new LocalConnectionSlots(hub);
    }
}
