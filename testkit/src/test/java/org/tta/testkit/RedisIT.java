package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@TtaIntegrationTest
class RedisIT {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect(TestInfrastructure infrastructure) {
        client = RedisClient.create(infrastructure.redisUri());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void answersPing() {
        assertThat(connection.sync().ping()).isEqualTo("PONG");
    }

    @Test
    void storesValuesUnderTheNamespacePrefix(TestNamespace namespace) {
        RedisCommands<String, String> redis = connection.sync();
        String key = namespace.redisKey("greeting");

        redis.setex(key, 60, "hello");

        assertThat(redis.get(key)).isEqualTo("hello");
        assertThat(key).startsWith(namespace.id() + ":");
        assertThat(redis.keys(namespace.redisKeyPrefix() + "*")).containsExactly(key);
    }
}
