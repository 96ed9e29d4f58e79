package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestNamespaceTest {

    @Test
    void randomIdsAreShortLowercaseAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(TestNamespace.random().id());
        }

        assertThat(ids).hasSize(1_000).allMatch(id -> id.matches("t[0-9a-z]{10}"));
    }

    @Test
    void prefixesAndSchemaDeriveFromTheId() {
        TestNamespace namespace = new TestNamespace("tabc123");

        assertThat(namespace.topicPrefix()).isEqualTo("tabc123.");
        assertThat(namespace.topic("events")).isEqualTo("tabc123.events");
        assertThat(namespace.redisKeyPrefix()).isEqualTo("tabc123:");
        assertThat(namespace.redisKey("k")).isEqualTo("tabc123:k");
        assertThat(namespace.dbSchema()).isEqualTo("tabc123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "T1234", "1abc", "t-abc", "t;drop", "t"})
    void rejectsIdsThatAreNotSafeEverywhere(String id) {
        assertThatThrownBy(() -> new TestNamespace(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemaIsAddedToJdbcUrlsWithOrWithoutParameters() {
        assertThat(JdbcUrls.withSchema("jdbc:postgresql://h:5432/test", "tx"))
                .isEqualTo("jdbc:postgresql://h:5432/test?currentSchema=tx");
        assertThat(JdbcUrls.withSchema("jdbc:postgresql://h:5432/test?loggerLevel=OFF", "tx"))
                .isEqualTo("jdbc:postgresql://h:5432/test?loggerLevel=OFF&currentSchema=tx");
    }
}
