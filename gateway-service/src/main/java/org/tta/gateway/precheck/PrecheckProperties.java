package org.tta.gateway.precheck;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The inline safety pre-check.
 *
 * @param policy where the content policy file is (a Spring resource location: {@code classpath:...},
 *               {@code file:...}); read once at start-up
 */
@Validated
@ConfigurationProperties("tta.gateway.precheck")
public record PrecheckProperties(
        @DefaultValue("classpath:policy/content-policy.v1.yaml") @NotBlank String policy) {
}
