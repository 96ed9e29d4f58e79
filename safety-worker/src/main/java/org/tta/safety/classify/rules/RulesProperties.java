package org.tta.safety.classify.rules;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The safety rule files.
 *
 * @param locations Spring resource locations of the rule files, one per language; all are applied to every message
 */
@Validated
@ConfigurationProperties("tta.safety.rules")
public record RulesProperties(
        @DefaultValue({"classpath:rules/en.yaml", "classpath:rules/es.yaml"}) @NotEmpty List<String> locations) {
}
