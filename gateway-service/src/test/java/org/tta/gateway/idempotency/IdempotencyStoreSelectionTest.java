package org.tta.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.redis.SharedStateProperties;

/** {@code tta.redis.store} picks the store: Redis by default, memory for the standalone run. */
class IdempotencyStoreSelectionTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IdempotencyProperties.class)
    static class Redis {
        @Bean
        ReactiveStringRedisTemplate redisTemplate() {
            return mock(ReactiveStringRedisTemplate.class);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Redis.class, RedisIdempotencyStore.class, InMemoryIdempotencyStore.class);

    @Test
    void usesRedisByDefault() {
        runner.run(context -> assertThat(context).getBean(IdempotencyStore.class).isInstanceOf(RedisIdempotencyStore.class));
    }

    @Test
    void usesMemoryForTheStandaloneRun() {
        runner.withPropertyValues(SharedStateProperties.STORE_PROPERTY + "=in-memory")
                .run(context -> assertThat(context).getBean(IdempotencyStore.class).isInstanceOf(InMemoryIdempotencyStore.class));
    }
}
