package org.tta.platform.security;

import java.time.Instant;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Binds {@link SecurityProperties}, offers the claim-to-authority mapping every service uses, and
 * adds token validators that Spring Boot's decoder picks up next to its issuer and audience checks.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityPropertiesAutoConfiguration {

    @Bean
    ClaimAuthoritiesConverter claimAuthoritiesConverter(SecurityProperties properties) {
        return new ClaimAuthoritiesConverter(properties.rolesClaim());
    }

    /** A token must expire: one without {@code exp} would be valid forever. */
    @Bean
    OAuth2TokenValidator<Jwt> expiryRequiredValidator() {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null);
    }

    /** Tightens the default 60 s tolerance of {@code exp}/{@code nbf} to the configured skew. */
    @Bean
    OAuth2TokenValidator<Jwt> clockSkewValidator(SecurityProperties properties) {
        return new JwtTimestampValidator(properties.clockSkew());
    }
}
