package org.tta.gateway.events;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CloudEvents ingress for services ({@code POST /api/v1/events}).
 *
 * @param maxBatchSize most events one batch-mode request may carry; more is answered 413
 * @param extensions   the extension attributes a service may send; any other attribute is refused (400).
 *                     The gateway's own ({@code clientid}, {@code clientsource}) can never be listed.
 */
@Validated
@ConfigurationProperties("tta.gateway.events")
public record EventsProperties(
        @DefaultValue("100") @Min(1) @Max(1000) int maxBatchSize,
        @DefaultValue({"partitionkey", "traceparent", "tracestate"})
        @NotNull List<@NotNull @Pattern(regexp = "[a-z0-9]{1,20}") String> extensions) {

    public EventsProperties {
        extensions = List.copyOf(extensions);
        for (String name : extensions) {
            if (EventAttributes.GATEWAY_OWNED.contains(name) || EventAttributes.CORE.contains(name)) {
                // A client must never be able to set what the gateway vouches for, nor shadow a core attribute.
                throw new IllegalArgumentException("tta.gateway.events.extensions must not list '" + name + "'");
            }
        }
    }

    Set<String> allowedExtensions() {
        return Set.copyOf(extensions);
    }
}
