package org.tta.gateway.redis;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway keeps state shared by all its instances (session membership, idempotency
 * keys, rate-limit buckets, WebSocket tickets).
 *
 * @param store     {@code redis} (production, shared by every instance) or {@code in-memory}
 *                  (the standalone run only: one instance, nothing survives a restart)
 * @param keyPrefix prepended to every Redis key (tests use it for isolation)
 */
@Validated
@ConfigurationProperties("tta.redis")
public record SharedStateProperties(
        @DefaultValue("redis") @NotNull Store store,
        @DefaultValue("tta:") @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]*") String keyPrefix) {

    /** The property that selects the store, for {@code @ConditionalOnProperty}. */
    public static final String STORE_PROPERTY = "tta.redis.store";

    public enum Store { REDIS, IN_MEMORY }

    public String key(String... parts) {
        return keyPrefix + String.join(":", parts);
    }
}
