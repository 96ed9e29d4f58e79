package org.tta.audit.phi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link DataKeyRewrap} every {@code tta.audit.crypto.rewrap-interval} (default 1 h, first a minute after
 * start-up), so that after a KEK rotation the old data keys move under the new KEK without an operator step.
 * A failed run is logged and tried again at the next interval.
 */
@Component
class DataKeyRewrapJob {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRewrapJob.class);

    private final DataKeyRewrap rewrap;

    DataKeyRewrapJob(DataKeyRewrap rewrap) {
        this.rewrap = rewrap;
    }

    @Scheduled(fixedDelayString = "${tta.audit.crypto.rewrap-interval:1h}", initialDelayString = "1m")
    void run() {
        try {
            rewrap.rewrapToActive();
        } catch (RuntimeException e) {
            log.warn("Re-wrapping audit data keys failed; it runs again at the next interval: {}", e.getClass().getName());
        }
    }
}
