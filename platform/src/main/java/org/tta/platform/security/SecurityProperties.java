package org.tta.platform.security;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token handling shared by every service. Issuer, JWKS and audiences use Spring Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 *
 * @param rolesClaim dot-separated path of the roles claim ({@code roles}, or {@code realm_access.roles} for Keycloak)
 * @param clockSkew  tolerated clock difference when checking {@code exp} and {@code nbf}
 */
@Validated
@ConfigurationProperties("tta.security")
public record SecurityProperties(
        @DefaultValue("roles") @NotBlank String rolesClaim,
        @DefaultValue("30s") @NotNull Duration clockSkew) {

    public SecurityProperties {
        if (clockSkew != null && (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(60)) > 0)) {
            throw new IllegalArgumentException("tta.security.clock-skew must be between 0 and 60 seconds (the issuer validator of Spring Security already allows 60 s)");
        }
    }
}
