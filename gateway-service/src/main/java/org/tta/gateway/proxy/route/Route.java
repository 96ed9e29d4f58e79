package org.tta.gateway.proxy.route;

import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * A route ready to serve: its name, its backend service and its settings.
 *
 * @param name    the route name from configuration
 * @param service the backend service (breaker, discovery and balancing key)
 * @param spec    the configured settings
 * @param maxResponseBytes the response body limit that applies
 */
public record Route(String name, String service, RouteSpec spec, long maxResponseBytes) {

    static Route of(String name, RouteSpec spec, DataSize globalLimit) {
        DataSize limit = spec.maxResponseSize() == null ? globalLimit : spec.maxResponseSize();
        return new Route(name, spec.serviceOr(name), spec, limit.toBytes());
    }

    public List<String> paths() {
        return spec.paths();
    }

    public boolean retries(String method) {
        return spec.retryMethods().contains(method);
    }

    /** The backend path for a request path that starts with {@code prefix}. */
    public String backendPath(String prefix, String rawPath) {
        return spec.rewritePrefix().isEmpty() ? rawPath : spec.rewritePrefix() + rawPath.substring(prefix.length());
    }
}
