package org.tta.gateway.realtime.presence;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.realtime.Presence;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.redis.SharedStateProperties;

/** Presence in Redis (shared by every instance), or in this JVM for the one-instance standalone run. */
@Configuration(proxyBeanMethods = false)
class PresenceConfig {

    @Bean
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
    Presence redisPresence(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections,
                           SharedStateProperties keys, SessionHub hub, RealtimeProperties properties) {
        return new RedisPresence(redis, connections, keys, hub, properties);
    }

    @Bean
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "in-memory")
    Presence localPresence(SessionHub hub) {
        return new LocalPresence(hub);
    }
}
