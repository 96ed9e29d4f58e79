package org.tta.safety.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the worker's integration tests add: a mutable clock (the real classifier comes from main code).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SafetyTestConfiguration {

    /** Also read by the kill-and-restart test, which adds this class to a child process's sources. */
    public static final String NAME = "org.tta.safety.support.SafetyTestConfiguration";

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }
}
