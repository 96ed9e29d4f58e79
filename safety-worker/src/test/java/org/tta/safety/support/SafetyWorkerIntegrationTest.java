package org.tta.safety.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The safety-worker against the test kit's Kafka, with a short deadline check interval, resolved escalations kept
 * for 10 minutes of the test clock, and the test clock. The topology stamps its records with that clock, and the
 * broker refuses timestamps more than an hour ahead ({@code message.timestamp.after.max.ms}): all tests of one
 * context together must advance it by less than an hour.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TtaIntegrationTest
@AutoConfigureWebTestClient
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=safety-worker", "tta.safety.escalation.punctuation-interval=200ms",
        "tta.safety.escalation.resolved-retention=10m"})
@Import(SafetyTestConfiguration.class)
public @interface SafetyWorkerIntegrationTest {
}
