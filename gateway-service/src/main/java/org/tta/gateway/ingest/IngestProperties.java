package org.tta.gateway.ingest;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Message ingest.
 *
 * @param source         CloudEvents {@code source} of the events this gateway writes
 * @param publishTimeout longest wait for Kafka's acknowledgement before answering 503
 * @param retryAfter     the {@code Retry-After} sent with a 503
 * @param sendThreads    threads that hand records to the Kafka producer (its {@code send} may block)
 * @param sendQueue      requests that may wait for a send thread; beyond it the request is shed with 503
 */
@Validated
@ConfigurationProperties("tta.gateway.ingest")
public record IngestProperties(
        @DefaultValue("urn:tta:gateway-service") @NotNull URI source,
        @DefaultValue("10s") @NotNull Duration publishTimeout,
        @DefaultValue("2s") @NotNull Duration retryAfter,
        @DefaultValue("4") @Min(1) @Max(64) int sendThreads,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int sendQueue) {
}
