package org.tta.gateway.proxy.discovery;

import java.util.Map;

/**
 * What a backend instance stores under its id in the service's Redis hash
 * ({@code {prefix}proxy:instances:{service}}, field = instance id), as JSON.
 *
 * @param url          base URI, e.g. {@code http://10.0.0.7:8083}
 * @param expiresAt    epoch milliseconds after which the instance is dropped unless it heart-beats again
 * @param dependencies status of each declared dependency ({@code UP}, {@code DOWN}, ...); any not {@code UP} makes it degraded
 */
public record Registration(String url, long expiresAt, Map<String, String> dependencies) {

    public Registration {
        dependencies = dependencies == null ? Map.of() : Map.copyOf(dependencies);
    }

    boolean degraded() {
        return dependencies.values().stream().anyMatch(status -> !"UP".equalsIgnoreCase(status));
    }
}
