package org.tta.audit.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the checkpoint, partition and retention jobs; {@code tta.audit.scheduling.enabled=false} turns them off (tests call them directly). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "tta.audit.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfig {
}
