package org.tta.safety.classify.model;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The optional external moderation model (see {@code docs/adr/0005-safety-rules-engine.md} for its HTTP contract).
 *
 * @param enabled  whether to call it at all; off by default: the rules alone decide
 * @param url      the endpoint that takes {@code POST {"text": ...}}; required when enabled
 * @param name     the model's name in signals ({@code model:<name>}) and logs
 * @param timeout  the whole call's ceiling (connect, send, answer); past it the rules alone decide
 * @param minScore the least score at which the model's answer counts as a signal
 * @param breaker  the circuit breaker around the calls
 */
@Validated
@ConfigurationProperties("tta.safety.model")
public record ModelProperties(
        @DefaultValue("false") boolean enabled,
        URI url,
        @DefaultValue("moderation") @NotBlank String name,
        @DefaultValue("800ms") @NotNull Duration timeout,
        @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double minScore,
        @DefaultValue @NotNull @Valid Breaker breaker) {

    /**
     * Circuit breaker settings (Resilience4j, count-based window).
     *
     * @param failureRateThreshold percentage of failed or slow calls in the window that opens the breaker
     * @param slidingWindowSize    how many recent calls the rate is computed over
     * @param minimumCalls         how many calls the window needs before it can open
     * @param openFor              how long the breaker stays open before it lets trial calls through
     * @param halfOpenCalls        how many trial calls decide whether to close again
     */
    public record Breaker(
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("30s") @NotNull Duration openFor,
            @DefaultValue("2") @Min(1) int halfOpenCalls) {
    }

    @AssertTrue(message = "tta.safety.model.url must be an http(s) URL when tta.safety.model.enabled=true")
    public boolean isUrlSetWhenEnabled() {
        return !enabled || (url != null && url.getScheme() != null && url.getScheme().startsWith("http"));
    }

    @AssertTrue(message = "tta.safety.model.timeout must be between 1ms and 10s")
    public boolean isTimeoutSane() {
        return timeout == null || (!timeout.isNegative() && !timeout.isZero() && timeout.compareTo(Duration.ofSeconds(10)) <= 0);
    }
}
