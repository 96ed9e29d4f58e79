package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.redis.SharedStateProperties;

/** {@code tta.redis.store} picks the directory; Redis unless told otherwise. */
class SessionDirectorySelectionTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(SessionProperties.class, () -> Fakes.PROPERTIES)
            .withBean(SharedStateProperties.class, () -> new SharedStateProperties(SharedStateProperties.Store.REDIS, "t:"))
            .withBean(ReactiveStringRedisTemplate.class, () -> new ReactiveStringRedisTemplate(new LettuceConnectionFactory()))
            .withUserConfiguration(RedisSessionDirectory.class, InMemorySessionDirectory.class);

    @Test
    void usesRedisByDefault() {
        context.run(beans -> assertThat(beans).getBean(SessionDirectory.class).isInstanceOf(RedisSessionDirectory.class));
    }

    @Test
    void usesRedisWhenToldSo() {
        context.withPropertyValues("tta.redis.store=redis")
                .run(beans -> assertThat(beans).getBean(SessionDirectory.class).isInstanceOf(RedisSessionDirectory.class));
    }

    @Test
    void usesTheInMemoryStoreForTheStandaloneRun() {
        context.withPropertyValues("tta.redis.store=in-memory")
                .run(beans -> assertThat(beans).getBean(SessionDirectory.class).isInstanceOf(InMemorySessionDirectory.class));
    }
}
