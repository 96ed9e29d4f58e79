package org.tta.gateway.ratelimit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tta.gateway.publish.PublishPressure;

/** A Kafka pressure the test turns up and down; primary, so it wins over the publisher's own. */
final class AdjustablePressure implements PublishPressure {

    private volatile double utilization;

    @Override
    public double utilization() {
        return utilization;
    }

    void set(double value) {
        utilization = value;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {
        @Bean
        @Primary
        AdjustablePressure adjustablePressure() {
            return new AdjustablePressure();
        }
    }
}
