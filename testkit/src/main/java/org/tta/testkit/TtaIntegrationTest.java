package org.tta.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class against real Kafka, Redis and PostgreSQL (containers or local servers) and the test issuer, in a
 * namespace of its own; Spring test contexts get the matching {@code spring.*} and {@code tta.*} properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TtaInfrastructureExtension.class)
public @interface TtaIntegrationTest {
}
