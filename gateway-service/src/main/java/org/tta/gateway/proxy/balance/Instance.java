package org.tta.gateway.proxy.balance;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * One backend instance as the balancer sees it.
 *
 * @param service      the backend service it serves
 * @param id           stable id (the base URI for static instances, the registered id otherwise)
 * @param uri          base URI requests are sent to
 * @param source       {@code static} (configuration) or {@code registered} (Redis heartbeat)
 * @param health       {@code UP}, or {@code DEGRADED} when a declared dependency is not up
 * @param dependencies the declared dependencies and their status, as the last heartbeat reported them
 * @param expiresAt    when a registered instance drops out unless it heart-beats again; null for static ones
 */
public record Instance(String service, String id, URI uri, String source, Health health,
                       Map<String, String> dependencies, Instant expiresAt) {

    public enum Health { UP, DEGRADED }

    public static Instance ofStatic(String service, URI uri) {
        return new Instance(service, uri.toString(), uri, "static", Health.UP, Map.of(), null);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The base URI without a trailing slash, for appending the request's path. */
    public String baseUri() {
        String base = uri.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The key of this instance's latency statistics: one per base URI, whatever its source. */
    public String statsKey() {
        return uri.toString();
    }
}
