package org.tta.gateway.ops.lag;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the consumer lag monitor.
 *
 * @param enabled whether the gateway evaluates lag at all (one instance per cluster is enough)
 * @param groups consumer groups always evaluated, whether or not they exist yet
 * @param discoverPattern regex of further consumer groups to discover on the cluster; empty discovers none
 * @param interval time between two scheduled evaluations
 * @param window evaluations kept per group for the status (Burrow's sliding window)
 * @param requestTimeout bound of each AdminClient call and of each first-unconsumed-record fetch
 * @param timestampCacheSize bounded cache of record timestamps by partition and offset
 */
@Validated
@ConfigurationProperties("tta.ops.lag")
public record LagProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"event-router", "safety-worker", "audit-sink"}) @NotNull List<String> groups,
        @DefaultValue("") @NotNull String discoverPattern,
        @DefaultValue("30s") @NotNull Duration interval,
        @DefaultValue("10") @Min(2) @Max(100) int window,
        @DefaultValue("5s") @NotNull Duration requestTimeout,
        @DefaultValue("10000") @Min(1) int timestampCacheSize) {
}
