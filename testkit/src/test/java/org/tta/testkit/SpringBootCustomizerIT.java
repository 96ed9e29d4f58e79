package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

@TtaIntegrationTest
@SpringBootTest(classes = SpringBootCustomizerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.kafka.bootstrap-servers=elsewhere:9092", "tta.kafka.topic-prefix=wrong."})
class SpringBootCustomizerIT {

    @SpringBootConfiguration(proxyBeanMethods = false)
    static class App {
    }

    @Autowired
    Environment environment;

    @Test
    void testkitPropertiesWinOverTheTestsOwn(TestInfrastructure infrastructure, TestNamespace namespace) {
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("tta.kafka.topic-prefix")).isEqualTo(namespace.topicPrefix());
    }

    @Test
    void brokerLoggersStayQuietAfterSpringBootConfiguredLogging() {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

        assertThat(logging.getLoggerConfiguration("kafka.server").getEffectiveLevel()).isEqualTo(LogLevel.WARN);
        assertThat(logging.getLoggerConfiguration("org.apache.kafka.raft").getEffectiveLevel())
                .isEqualTo(LogLevel.WARN);
    }
}
