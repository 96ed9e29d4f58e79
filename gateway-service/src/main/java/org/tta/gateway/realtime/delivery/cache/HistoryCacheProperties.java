package org.tta.gateway.realtime.delivery.cache;

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
 * The bounded cache of recent deliveries that serves resumes before Kafka is sought (ADR 0012): a Redis
 * stream per session under {@code <tta.redis.key-prefix>hist:<sessionId>}.
 *
 * @param enabled     off: every resume seeks Kafka (the cache is never used with {@code tta.redis.store=in-memory})
 * @param perSession  events kept per session ({@code MAXLEN ~}: Redis may keep up to one stream node more)
 * @param ttl         a session's stream expires this long after its last event; at most the topic's
 *                    retention (24 h), so the cache never holds what Kafka no longer would
 * @param writeQueue  records (and chunks) of the fan-out waiting to be written; beyond, a chunk is dropped
 *                    (counted), which only makes earlier positions unprovable: their resumes seek Kafka; at
 *                    least 500, the fan-out's largest poll
 * @param writeBatch  records written per Redis round trip (one script)
 * @param seamWait    longest a resume waits for this instance's own writes to reach what it had fanned
 *                    out when the connection registered; past it, the resume seeks Kafka
 */
@Validated
@ConfigurationProperties("tta.gateway.realtime.history-cache")
public record HistoryCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500") @Min(1) @Max(100_000) int perSession,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration ttl,
        @DefaultValue("10000") @Min(500) @Max(1_000_000) int writeQueue,
        @DefaultValue("256") @Min(1) @Max(10_000) int writeBatch,
        @DefaultValue("250ms") @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 10) Duration seamWait) {
}
