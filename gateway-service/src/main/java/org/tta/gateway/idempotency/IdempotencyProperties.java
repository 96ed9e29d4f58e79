package org.tta.gateway.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code Idempotency-Key} handling (ADR 0004, ADR 0013).
 *
 * @param ttl               how long a key is kept: a completed response is replayed, an in-progress marker
 *                          (whose owner may have died) keeps retries from running the action unguarded
 * @param inProgressTtl     the lease of the request that holds a key: while it runs, other requests with the key
 *                          wait; after it, a retry takes the key over and looks for the holder's write in Kafka.
 *                          It must outlast the slowest publish, including records still in the producer's buffer
 *                          (publish timeout + delivery.timeout.ms + twice max.block.ms; 23 s by default), since
 *                          a write appended after the lookup read its partition would not be seen
 * @param maxWait           how long a request whose key is in progress waits for the first one's result
 *                          before it gets 409 idempotency-in-progress
 * @param pollInterval      how often a waiting request looks for that result
 * @param retryAfter        the {@code Retry-After} sent with a 409 idempotency-in-progress
 * @param inMemoryMaxKeys   the most keys the in-memory store (standalone run) holds; the oldest go first
 * @param lookupTimeout     the longest a lookup in Kafka may take; past it the answer is 503 idempotency-outcome-unknown
 * @param lookupConcurrency lookups running at once (each a thread of a dedicated pool and a consumer); more are
 *                          answered 503 idempotency-outcome-unknown at once
 * @param lookupClockMargin how far before the first attempt's start a lookup begins reading, for clock differences
 *                          between gateways and the record timestamps
 */
@Validated
@ConfigurationProperties("tta.gateway.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") @NotNull Duration ttl,
        @DefaultValue("30s") @NotNull Duration inProgressTtl,
        @DefaultValue("10s") @NotNull Duration maxWait,
        @DefaultValue("50ms") @NotNull Duration pollInterval,
        @DefaultValue("1s") @NotNull Duration retryAfter,
        @DefaultValue("100000") @Min(1) @Max(10_000_000) int inMemoryMaxKeys,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration lookupTimeout,
        @DefaultValue("4") @Min(1) @Max(64) int lookupConcurrency,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1) Duration lookupClockMargin) {
}
