package org.tta.router.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The delivery policy of subscriptions that do not set their own, and the per-subscriber guards.
 *
 * @param retry                retries after the first attempt
 * @param backoffPolicy        exponential or linear
 * @param backoffDelay         base delay between attempts
 * @param maxBackoff           longest wait between attempts
 * @param jitter               fraction of each wait drawn at random (0 = none, 0.5 = between 50% and 100%)
 * @param timeout              time one attempt may take
 * @param retryAfterMax        cap on a subscriber's Retry-After
 * @param maxConcurrency       requests in flight to one subscriber
 * @param ratePerSecond        requests per second to one subscriber (0 = unlimited)
 * @param breakerFailureRate   failure percentage that opens a subscriber's circuit breaker
 * @param breakerMinimumCalls  calls before the breaker judges the failure rate
 * @param breakerOpenFor       how long an open breaker refuses calls before letting probes through
 */
@Validated
@ConfigurationProperties("tta.router.delivery")
public record DeliveryDefaults(
        @DefaultValue("5") @Min(0) @Max(100) int retry,
        @DefaultValue("exponential") @Pattern(regexp = "exponential|linear") String backoffPolicy,
        @DefaultValue("200ms") @NotNull Duration backoffDelay,
        @DefaultValue("30s") @NotNull Duration maxBackoff,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("60s") @NotNull Duration retryAfterMax,
        @DefaultValue("16") @Min(1) @Max(256) int maxConcurrency,
        @DefaultValue("0") @Min(0) int ratePerSecond,
        @DefaultValue("50") @Min(1) @Max(100) float breakerFailureRate,
        @DefaultValue("20") @Min(1) int breakerMinimumCalls,
        @DefaultValue("30s") @NotNull Duration breakerOpenFor) {

    public DeliveryDefaults {
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("tta.router.delivery.jitter must be between 0 and 1");
        }
    }
}
