package org.tta.gateway.safety;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's feed of open escalations ({@code tta.gateway.open-escalations.*}).
 *
 * @param enabled          whether the gateway follows {@code tta.safety.escalations.v1} at all
 * @param groupId          the consumer group; one for all gateway instances, since the registry they fill is shared
 * @param retryMaxInterval the longest pause between attempts when the registry cannot be written (retried without end)
 */
@Validated
@ConfigurationProperties("tta.gateway.open-escalations")
public record OpenEscalationsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("gateway-open-escalations") @NotBlank String groupId,
        @DefaultValue("10s") @NotNull Duration retryMaxInterval) {
}
