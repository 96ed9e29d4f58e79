package org.tta.gateway.proxy.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.tta.gateway.redis.SharedStateProperties;

/**
 * Redis key layout of the response cache:
 * <ul>
 * <li>{@code {prefix}proxy:cache:{route}:{sha256(scope, path and query, Accept)}}: one cached answer,
 *     where scope is the caller's {@code sub} (per-caller routes) or {@code *} (shared routes);</li>
 * <li>{@code {prefix}proxy:cache-tag:{resource}}: the set of entry keys that depend on a resource,
 *     e.g. {@code players/p-1} for {@code /api/v1/players/p-1?x=y} (the path without version and query).</li>
 * </ul>
 */
public final class CacheKeys {

    private final SharedStateProperties keys;

    public CacheKeys(SharedStateProperties keys) {
        this.keys = keys;
    }

    public String entry(String route, String scope, String pathAndQuery, String accept) {
        return keys.key("proxy", "cache", route, sha256(scope + '\n' + pathAndQuery + '\n' + (accept == null ? "" : accept)));
    }

    public String tag(String resource) {
        return keys.key("proxy", "cache-tag", resource);
    }

    /** The resource a request path names: the path after {@code /api/v{n}/}, without query or trailing slash. */
    public static String resourceOf(String rawPath) {
        String path = rawPath.replaceFirst("^/api/v[0-9]+/", "");
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
