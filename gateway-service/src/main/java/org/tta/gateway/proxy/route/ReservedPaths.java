package org.tta.gateway.proxy.route;

import java.util.List;

/**
 * Path prefixes the gateway answers itself. No route or composite may claim them, so a proxy
 * route can never shadow the sessions, events, subscriptions or ops APIs, the actuator or the docs.
 */
public final class ReservedPaths {

    public static final List<String> PREFIXES = List.of("/api/v1/sessions", "/api/v1/events", "/api/v1/subscriptions",
            "/api/v1/ops", "/actuator", "/v3/api-docs", "/swagger-ui", "/webjars");

    private ReservedPaths() {
    }

    public static boolean isReserved(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    static void requireFree(String where, String path) {
        if (isReserved(path) || PREFIXES.stream().anyMatch(prefix -> prefix.startsWith(path + "/"))) {
            throw new IllegalArgumentException(where + ": '" + path + "' overlaps a path the gateway serves itself " + PREFIXES);
        }
    }
}
