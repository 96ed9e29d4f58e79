package org.tta.devissuer;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link DevIssuer}: where it listens, what it puts into tokens, whether it mints tokens over HTTP.
 *
 * @param host name used in the issuer URI; it must resolve to a loopback address
 * @param port TCP port, 0 for any free port
 * @param audience default {@code aud} claim
 * @param tokenEndpointEnabled whether {@code GET /dev/token} mints tokens for anyone who asks
 * @param defaultTtl lifetime of a token unless the builder says otherwise
 * @param rolesClaim name of the claim that carries the roles as a JSON array
 */
public record DevIssuerSettings(
        String host, int port, String audience, boolean tokenEndpointEnabled, Duration defaultTtl, String rolesClaim) {

    /** Audience of every TTA service. */
    public static final String TTA_AUDIENCE = "tta-platform";

    public DevIssuerSettings {
        requireText(host, "host");
        requireText(audience, "audience");
        requireText(rolesClaim, "rolesClaim");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        if (defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException("defaultTtl must be positive, was " + defaultTtl);
        }
    }

    /** Any free port on 127.0.0.1, no token endpoint (tests mint tokens in-process), 15 minute tokens. */
    public static DevIssuerSettings forTests() {
        return new DevIssuerSettings("127.0.0.1", 0, TTA_AUDIENCE, false, Duration.ofMinutes(15), "roles");
    }

    /** http://localhost:9000 with the token endpoint on, for the standalone run; 60 minute tokens. */
    public static DevIssuerSettings standalone() {
        return new DevIssuerSettings("localhost", 9000, TTA_AUDIENCE, true, Duration.ofMinutes(60), "roles");
    }

    /** The same settings on another port. */
    public DevIssuerSettings withPort(int newPort) {
        return new DevIssuerSettings(host, newPort, audience, tokenEndpointEnabled, defaultTtl, rolesClaim);
    }

    /** The same settings with the token endpoint switched on or off. */
    public DevIssuerSettings withTokenEndpoint(boolean enabled) {
        return new DevIssuerSettings(host, port, audience, enabled, defaultTtl, rolesClaim);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
