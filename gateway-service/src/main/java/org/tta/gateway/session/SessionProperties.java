package org.tta.gateway.session;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sessions and the membership check.
 *
 * @param memberCacheTtl     how long this instance trusts a positive membership answer without asking
 *                           Redis again; also the longest a member removed through ANOTHER instance can
 *                           still post here (this instance forgets at once). 0 disables the cache; at most 30s
 * @param memberCacheSize    positive answers kept at most (session and subject pairs)
 * @param storeTimeout       longest wait for the session store; beyond it the request fails closed with 503
 * @param inMemoryMaxSessions sessions the in-memory store ({@code tta.redis.store=in-memory}) keeps at most
 * @param inMemoryIdleExpiry  the in-memory store forgets a session not read or changed for this long
 */
@Validated
@ConfigurationProperties("tta.gateway.sessions")
public record SessionProperties(
        @DefaultValue("2s") @NotNull Duration memberCacheTtl,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int memberCacheSize,
        @DefaultValue("2s") @NotNull Duration storeTimeout,
        @DefaultValue("10000") @Min(1) @Max(10_000_000) int inMemoryMaxSessions,
        @DefaultValue("7d") @NotNull Duration inMemoryIdleExpiry) {

    private static final Duration MAX_MEMBER_CACHE_TTL = Duration.ofSeconds(30);

    public SessionProperties {
        if (memberCacheTtl != null && (memberCacheTtl.isNegative() || memberCacheTtl.compareTo(MAX_MEMBER_CACHE_TTL) > 0)) {
            // A long TTL would let a removed patient keep posting: the bound is a privacy guarantee.
            throw new IllegalArgumentException("tta.gateway.sessions.member-cache-ttl must be between 0 and 30 seconds");
        }
        if (storeTimeout != null && (storeTimeout.isNegative() || storeTimeout.isZero())) {
            throw new IllegalArgumentException("tta.gateway.sessions.store-timeout must be positive");
        }
        if (inMemoryIdleExpiry != null && (inMemoryIdleExpiry.isNegative() || inMemoryIdleExpiry.isZero())) {
            throw new IllegalArgumentException("tta.gateway.sessions.in-memory-idle-expiry must be positive");
        }
    }
}
