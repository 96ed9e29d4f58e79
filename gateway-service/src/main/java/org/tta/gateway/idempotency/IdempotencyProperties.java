package org.tta.gateway.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code Idempotency-Key} handling.
 *
 * @param ttl             how long a completed response is kept and replayed
 * @param inProgressTtl   how long the marker of a request still running lives; it must outlast the
 *                        slowest action (the publish timeout), or a retry could run the action twice
 * @param maxWait         how long a request whose key is in progress waits for the first one's result
 *                        before it gets 409 idempotency-in-progress
 * @param pollInterval    how often a waiting request looks for that result
 * @param retryAfter      the {@code Retry-After} sent with a 409 idempotency-in-progress
 * @param inMemoryMaxKeys the most keys the in-memory store (standalone run) holds; the oldest go first
 */
@Validated
@ConfigurationProperties("tta.gateway.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") @NotNull Duration ttl,
        @DefaultValue("30s") @NotNull Duration inProgressTtl,
        @DefaultValue("10s") @NotNull Duration maxWait,
        @DefaultValue("50ms") @NotNull Duration pollInterval,
        @DefaultValue("1s") @NotNull Duration retryAfter,
        @DefaultValue("100000") @Min(1) @Max(10_000_000) int inMemoryMaxKeys) {
}
