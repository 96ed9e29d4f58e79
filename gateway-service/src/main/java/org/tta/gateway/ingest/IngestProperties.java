package org.tta.gateway.ingest;

import java.net.URI;
import java.time.Duration;

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
 */
@Validated
@ConfigurationProperties("tta.gateway.ingest")
public record IngestProperties(
        @DefaultValue("urn:tta:gateway-service") @NotNull URI source,
        @DefaultValue("10s") @NotNull Duration publishTimeout,
        @DefaultValue("2s") @NotNull Duration retryAfter) {
}
