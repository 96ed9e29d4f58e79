package org.tta.gateway.publish;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Group-commit publishing: how requests queue, how they are gathered into Kafka transactions,
 * and when the circuit breaker stops sending.
 *
 * @param queueCapacity         publish requests that may wait for a committer; beyond it a request is shed with 503
 * @param committers            committer threads (each with its own transactional producer); more overlap commits
 * @param maxBatchRecords       records gathered into one transaction at most (a larger request still goes alone)
 * @param maxLinger             longest wait for more requests after the first one of a batch arrived
 * @param transactionalIdPrefix prefix of the producers' {@code transactional.id}; must be unique per gateway
 *                              instance; empty derives {@code gateway-<HOSTNAME>-<random>-}
 * @param breaker               the circuit breaker around publishing
 */
@Validated
@ConfigurationProperties("tta.gateway.publish")
public record PublishProperties(
        @DefaultValue("2048") @Min(1) @Max(1_000_000) int queueCapacity,
        @DefaultValue("2") @Min(1) @Max(16) int committers,
        @DefaultValue("500") @Min(1) @Max(100_000) int maxBatchRecords,
        @DefaultValue("2ms") @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 1) Duration maxLinger,
        @DefaultValue("") @NotNull @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._-]*") String transactionalIdPrefix,
        @DefaultValue @NotNull @Valid Breaker breaker) {

    /**
     * The circuit breaker: it counts publish calls that ended in 503 (timeouts and Kafka errors; not
     * requests shed because the queue was full) and, past the threshold, fails calls at once.
     *
     * @param failureRateThreshold       percentage of failed calls in the window that opens the breaker
     * @param slidingWindowSize          calls in the count-based window
     * @param minimumNumberOfCalls       calls needed before the rate is evaluated
     * @param waitInOpenState            how long the breaker stays open before letting trial calls through
     * @param permittedCallsInHalfOpen   trial calls that decide whether the breaker closes again
     */
    public record Breaker(
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("50") @Min(1) @Max(10_000) int slidingWindowSize,
            @DefaultValue("20") @Min(1) @Max(10_000) int minimumNumberOfCalls,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration waitInOpenState,
            @DefaultValue("10") @Min(1) @Max(10_000) int permittedCallsInHalfOpen) {
    }
}
