package org.tta.audit.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the partitions in shape: at start-up (before the listener starts) and every
 * {@code tta.audit.retention.interval}, {@code createAhead -> dropExpired}. A failed run is logged
 * and tried again at the next interval; rows meanwhile go to the default partition, never nowhere.
 */
@Component
class RetentionJob implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final Partitions partitions;

    RetentionJob(Partitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public void afterPropertiesSet() {
        run();
    }

    @Scheduled(fixedDelayString = "${tta.audit.retention.interval:1h}", initialDelayString = "${tta.audit.retention.interval:1h}")
    void run() {
        try {
            partitions.createAhead();
            partitions.dropExpired();
        } catch (RuntimeException e) {
            log.warn("Audit partition job failed; it runs again at the next interval: {}", e.toString());
        }
    }
}
