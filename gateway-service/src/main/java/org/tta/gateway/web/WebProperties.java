package org.tta.gateway.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Front-door HTTP rules of the gateway.
 *
 * @param maxRequestBytes      largest request body accepted; larger ones get 413 before they are read
 * @param corsAllowedOrigins   origins allowed by CORS (exact, e.g. https://app.tta.org); empty disables CORS
 * @param corsMaxAge           how long browsers may cache a preflight answer
 * @param hstsMaxAge           {@code Strict-Transport-Security} max-age (sent on every response; browsers honour it over HTTPS)
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every response (the API serves no active content)
 */
@Validated
@ConfigurationProperties("tta.gateway.web")
public record WebProperties(
        @DefaultValue("262144") @Min(1024) @Max(16_777_216) int maxRequestBytes,
        @DefaultValue({}) @NotNull List<String> corsAllowedOrigins,
        @DefaultValue("1h") @NotNull Duration corsMaxAge,
        @DefaultValue("365d") @NotNull Duration hstsMaxAge,
        @DefaultValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        @NotNull String contentSecurityPolicy) {

    public WebProperties {
        for (String origin : corsAllowedOrigins) {
            if ("*".equals(origin)) {
                throw new IllegalArgumentException("tta.gateway.web.cors-allowed-origins must list origins; '*' would let any site call the API with a user's token");
            }
        }
    }
}
