package org.tta.audit.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the audit sink retries a batch it could not store.
 *
 * @param retryInitialInterval wait before the first redelivery of a batch whose write failed
 * @param retryMaxInterval     longest wait between redeliveries (they never stop: a batch is not skipped)
 */
@Validated
@ConfigurationProperties("tta.audit")
public record AuditSinkProperties(
        @DefaultValue("1s") @NotNull Duration retryInitialInterval,
        @DefaultValue("60s") @NotNull Duration retryMaxInterval) {

    public AuditSinkProperties {
        if (retryInitialInterval != null && (retryInitialInterval.isNegative() || retryInitialInterval.isZero())) {
            throw new IllegalArgumentException("tta.audit.retry-initial-interval must be positive");
        }
        if (retryInitialInterval != null && retryMaxInterval != null
                && retryMaxInterval.compareTo(retryInitialInterval) < 0) {
            throw new IllegalArgumentException("tta.audit.retry-max-interval must not be shorter than tta.audit.retry-initial-interval");
        }
    }
}
