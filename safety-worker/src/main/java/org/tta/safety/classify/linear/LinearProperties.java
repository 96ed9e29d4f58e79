package org.tta.safety.classify.linear;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-process statistical signal (ADR 0005, amendment of 2026-12-07).
 *
 * @param enabled  whether the linear model takes part; on by default since it learns from ordinary chat and a
 *                 training corpus: it more than doubles the first-sight recall of blind-written crises and raises about
 *                 0.3 % of held-out ordinary chat, and its raises open review escalations, not pages (ADR 0005, ADR 0006;
 *                 figures in {@code docs/benchmarks/safety-eval.md})
 * @param location Spring resource location of the weights file, loaded and validated at start-up
 */
@Validated
@ConfigurationProperties("tta.safety.linear")
public record LinearProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("classpath:model/linear.bin") @NotBlank String location) {
}
