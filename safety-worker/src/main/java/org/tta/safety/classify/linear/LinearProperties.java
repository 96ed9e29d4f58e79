package org.tta.safety.classify.linear;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-process statistical signal (ADR 0005, amendment of 2026-12-07).
 *
 * @param enabled  whether the linear model takes part; off by default: it raised batch 6's first-sight recall, but it
 *                 also escalates ordinary chat the labelled set lacks (see {@code docs/benchmarks/safety-eval.md})
 * @param location Spring resource location of the weights file, loaded and validated at start-up
 */
@Validated
@ConfigurationProperties("tta.safety.linear")
public record LinearProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("classpath:model/linear.bin") @NotBlank String location) {
}
