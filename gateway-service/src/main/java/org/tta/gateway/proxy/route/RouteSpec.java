package org.tta.gateway.proxy.route;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One route: requests under any of {@code paths} go to an instance of {@code service}.
 *
 * @param paths           path prefixes, one per API version, e.g. {@code /api/v1/audit} and {@code /api/v2/audit}
 * @param service         backend service name (breaker, discovery and balancing key); default the route name
 * @param instances       static instances (base URIs, e.g. {@code http://localhost:8083}); registered ones are added
 * @param rewritePrefix   replaces the matched prefix on the way to the backend; empty keeps the path as it came
 * @param timeout         per attempt; an attempt that takes longer is abandoned (504 when none is left)
 * @param retryMethods    methods retried on another instance after an error or a 5xx; never POST or PATCH
 * @param attempts        attempts in all for a retryable method (1: no retry)
 * @param produces        media types the backend offers; an {@code Accept} that allows none of them gets 406
 * @param maxResponseSize overrides the global limit for this route
 * @param cache           caching of GET answers
 */
public record RouteSpec(
        List<String> paths,
        @DefaultValue("") @NotNull String service,
        @DefaultValue({}) @NotNull List<URI> instances,
        @DefaultValue("") @NotNull String rewritePrefix,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}) @NotNull Set<String> retryMethods,
        @DefaultValue("2") @Min(1) @Max(5) int attempts,
        @DefaultValue("application/json") @NotNull List<String> produces,
        DataSize maxResponseSize,
        @DefaultValue @Valid @NotNull CacheRule cache) {

    private static final Set<String> NEVER_RETRIED = Set.of("POST", "PATCH", "CONNECT");

    public RouteSpec {
        paths = paths == null ? List.of() : List.copyOf(paths);
        retryMethods = retryMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        instances = List.copyOf(instances);
        produces = List.copyOf(produces);
    }

    /** Fails start-up (or a reload) on a route that could shadow the gateway's own API or is not idempotent-safe. */
    public void check(String name) {
        String where = "tta.gateway.proxy.routes." + name;
        if (!name.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException(where + ": a route name is 1 to 40 of [a-z0-9-]");
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(where + ".paths: at least one path prefix is required");
        }
        for (String path : paths) {
            if (!path.matches("/api/v[0-9]{1,2}(/[a-z0-9][a-z0-9-]{0,62}){1,3}")) {
                throw new IllegalArgumentException(where + ".paths: '" + path
                        + "' is not /api/v{n}/{service}[/{segment}...] (lower case, no wildcards)");
            }
            ReservedPaths.requireFree(where + ".paths", path);
        }
        for (String method : retryMethods) {
            if (NEVER_RETRIED.contains(method)) {
                throw new IllegalArgumentException(where + ".retry-methods: " + method + " is not idempotent and is never retried");
            }
        }
        for (URI instance : instances) {
            BackendUris.require(where + ".instances", instance);
        }
        if (!rewritePrefix.isEmpty() && !rewritePrefix.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException(where + ".rewrite-prefix: '" + rewritePrefix + "' is not a plain path");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(where + ".timeout must be positive");
        }
    }

    /** The backend service name: {@code service}, or the route name when empty. */
    public String serviceOr(String routeName) {
        return service.isEmpty() ? routeName : service;
    }

    /**
     * @param enabled cache GET answers of this route (200 only, when the backend does not forbid it)
     * @param ttl     longest time an entry lives; a shorter {@code max-age} from the backend wins
     * @param shared  one entry for every caller; false (default): entries are per caller ({@code sub})
     */
    public record CacheRule(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("60s") @NotNull Duration ttl,
            @DefaultValue("false") boolean shared) {
    }
}
