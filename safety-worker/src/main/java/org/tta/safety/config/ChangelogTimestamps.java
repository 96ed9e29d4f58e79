package org.tta.safety.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.tta.safety.stream.Changelogs;

/**
 * At start-up, before the stream threads run: changelog topics made before they took the broker's time are switched
 * to it ({@link Changelogs}). A failure (broker unreachable, no permission to alter topic configs) is logged and
 * start-up goes on: the topics then keep CreateTime until an operator sets it (ADR 0006).
 */
final class ChangelogTimestamps implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ChangelogTimestamps.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> adminConfig;
    private final String applicationId;

    ChangelogTimestamps(Map<String, Object> adminConfig, String applicationId) {
        this.adminConfig = adminConfig;
        this.applicationId = applicationId;
    }

    @Override
    public void afterPropertiesSet() {
        try (Admin admin = Admin.create(adminConfig)) {
            List<String> changed = Changelogs.setLogAppendTime(admin, applicationId, TIMEOUT);
            if (!changed.isEmpty()) {
                log.info("Set message.timestamp.type=LogAppendTime on changelog topics {}", changed);
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.warn("Could not check the changelog topics' timestamp type ({}); a worker clock more than "
                    + "message.timestamp.after.max.ms ahead of the brokers' can fail its deadline checks",
                    e.getClass().getName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
