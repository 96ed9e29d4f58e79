package org.tta.gateway.ops.lag;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Sinks;

/** Wires the lag monitor; off with {@code tta.ops.lag.enabled=false}. A test may supply its own {@link InstantSource}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tta.ops.lag", name = "enabled", matchIfMissing = true)
class LagConfig {

    @Bean(destroyMethod = "close")
    KafkaLagSource kafkaLagSource(KafkaAdmin admin, LagProperties properties) {
        return new KafkaLagSource(admin.getConfigurationProperties(), properties.requestTimeout(),
                properties.timestampCacheSize());
    }

    @Bean
    LagReports lagReports() {
        return new LagReports(Sinks.many().replay().latest());
    }

    @Bean
    LagMonitor lagMonitor(KafkaLagSource source, LagProperties properties, ObjectProvider<InstantSource> clock,
                          MeterRegistry registry, LagReports reports) {
        LagMetrics metrics = new LagMetrics(registry);
        return new LagMonitor(source, properties, clock.getIfAvailable(InstantSource::system), report -> {
            metrics.publish(report);
            reports.publish(report);
        });
    }

    @Bean
    LagScheduler lagScheduler(LagMonitor monitor, LagProperties properties) {
        return new LagScheduler(monitor, properties);
    }
}
