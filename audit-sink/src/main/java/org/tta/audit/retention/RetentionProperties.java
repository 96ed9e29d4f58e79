package org.tta.audit.retention;

import java.time.Duration;
import java.time.Period;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Monthly partitions of the audit trail and how long they are kept.
 *
 * @param period      how long rows are kept after their event time; a month's partition is dropped once all of it is older
 * @param monthsAhead how many months after the current one have their partition made in advance
 * @param interval    how often the partition job runs (it also runs at start-up)
 */
@Validated
@ConfigurationProperties("tta.audit.retention")
public record RetentionProperties(
        @DefaultValue("P6Y") @NotNull Period period,
        @DefaultValue("3") @Min(1) @Max(24) int monthsAhead,
        @DefaultValue("1h") @NotNull Duration interval) {

    public RetentionProperties {
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("tta.audit.retention.period must be positive");
        }
    }
}
