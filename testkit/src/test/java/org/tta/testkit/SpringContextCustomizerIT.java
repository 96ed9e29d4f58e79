package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@TtaIntegrationTest
@SpringJUnitConfig(SpringContextCustomizerIT.Empty.class)
@TestPropertySource(properties = "spring.kafka.bootstrap-servers=somewhere-else:9092")
class SpringContextCustomizerIT {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @TtaIntegrationTest
    static class AnotherTestClass {
    }

    @Autowired
    Environment environment;

    @Autowired
    TestNamespace namespaceBean;

    @Test
    void injectsTheInfrastructureForThisClassesNamespace(TestInfrastructure infrastructure, TestNamespace namespace) {
        assertThat(namespaceBean).isEqualTo(namespace);
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("tta.kafka.topic-prefix")).isEqualTo(namespace.id() + ".");
        assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo(infrastructure.redisUri());
        assertThat(environment.getProperty("tta.redis.key-prefix")).isEqualTo(namespace.id() + ":");
        assertThat(environment.getProperty("spring.datasource.url"))
                .startsWith(infrastructure.jdbcUrl())
                .endsWith("currentSchema=" + namespace.id());
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo(infrastructure.jdbcUser());
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(infrastructure.jdbcPassword());
        assertThat(environment.getProperty("spring.flyway.schemas")).isEqualTo(namespace.id());
        assertThat(environment.getProperty("spring.flyway.default-schema")).isEqualTo(namespace.id());
        assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo(infrastructure.issuer().issuerUri().toString());
        assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                .isEqualTo(infrastructure.issuer().jwksUri().toString());
        assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences"))
                .isEqualTo("tta-platform");
        assertThat(environment.getProperty("tta.testkit.mode")).isEqualTo(infrastructure.mode().name());
    }

    @Test
    void customizersAreEqualForOneClassAndDifferBetweenClasses() {
        TtaContextCustomizerFactory factory = new TtaContextCustomizerFactory();
        var first = factory.createContextCustomizer(SpringContextCustomizerIT.class, List.of());
        var again = factory.createContextCustomizer(SpringContextCustomizerIT.class, List.of());
        var other = factory.createContextCustomizer(AnotherTestClass.class, List.of());

        assertThat(first).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(other);
    }

    @Nested
    class WhenNested {

        @Autowired
        Environment nestedEnvironment;

        @Test
        void sharesTheEnclosingClassesNamespace(TestNamespace nested, TestInfrastructure infrastructure) {
            assertThat(nested).isEqualTo(infrastructure.namespaceFor(SpringContextCustomizerIT.class));
            assertThat(nestedEnvironment.getProperty("tta.testkit.namespace")).isEqualTo(nested.id());
        }
    }
}
