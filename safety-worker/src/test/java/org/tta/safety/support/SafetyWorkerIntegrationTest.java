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
 * for 10 minutes of the test clock, and the test clock. The topology's record timestamps do not follow that clock
 * (ADR 0006), so a test may move it hours ahead; Kafka Streams itself keeps the real time unless a test imports
 * {@link SkewedWorkerClock}.
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
