package org.tta.gateway.proxy.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tta.gateway.proxy.ProxyProperties;

/** One immutable snapshot of the routes and composites; the longest matching prefix wins. Thread-safe. */
public final class Routes {

    public static final Routes EMPTY = new Routes(new ProxyProperties(false, Map.of(), Map.of(), "",
            java.time.Duration.ofSeconds(5), org.springframework.util.unit.DataSize.ofMegabytes(1),
            new ProxyProperties.Breaker(50, 20, 10, java.time.Duration.ofSeconds(10), 2),
            new ProxyProperties.Discovery(false, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(15),
                    java.time.Duration.ofMinutes(5)),
            new ProxyProperties.Cache(false, List.of())));

    private record Prefix(String prefix, Route route) {
    }

    /** A composite with its parsed pattern. */
    public record Composite(String name, CompositeSpec spec, PathPattern pattern) {
    }

    private final ProxyProperties properties;
    private final Map<String, Route> byName;
    private final List<Prefix> prefixes;
    private final List<Composite> composites;

    public Routes(ProxyProperties properties) {
        this.properties = properties;
        Map<String, Route> routes = new java.util.TreeMap<>();
        List<Prefix> all = new ArrayList<>();
        properties.routes().forEach((name, spec) -> {
            Route route = Route.of(name, spec, properties.maxResponseSize());
            routes.put(name, route);
            spec.paths().forEach(p -> all.add(new Prefix(p, route)));
        });
        all.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length()).reversed());
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).prefix().equals(all.get(i - 1).prefix())) {
                throw new IllegalArgumentException("tta.gateway.proxy.routes: the prefix " + all.get(i).prefix()
                        + " belongs to two routes");
            }
        }
        this.byName = Map.copyOf(routes);
        this.prefixes = List.copyOf(all);
        this.composites = properties.composites().entrySet().stream()
                .map(e -> new Composite(e.getKey(), e.getValue(), PathPatternParser.defaultInstance.parse(e.getValue().path())))
                .toList();
    }

    public ProxyProperties properties() {
        return properties;
    }

    public Map<String, Route> byName() {
        return byName;
    }

    public List<Composite> composites() {
        return composites;
    }

    /** The route of a raw (still percent-encoded) request path, when a prefix matches on a segment boundary. */
    public Optional<RouteMatch> match(String rawPath) {
        if (!properties.enabled() || ReservedPaths.isReserved(rawPath)) {
            return Optional.empty();
        }
        for (Prefix p : prefixes) {
            String prefix = p.prefix();
            if (rawPath.startsWith(prefix) && (rawPath.length() == prefix.length() || rawPath.charAt(prefix.length()) == '/')) {
                return Optional.of(new RouteMatch(p.route(), prefix, p.route().backendPath(prefix, rawPath)));
            }
        }
        return Optional.empty();
    }

    /** The composite whose pattern matches the path, with the pattern's variables. */
    public Optional<Map.Entry<Composite, Map<String, String>>> composite(String rawPath) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        PathContainer path = PathContainer.parsePath(rawPath);
        for (Composite c : composites) {
            PathPattern.PathMatchInfo info = c.pattern().matchAndExtract(path);
            if (info != null) {
                return Optional.of(Map.entry(c, info.getUriVariables()));
            }
        }
        return Optional.empty();
    }
}
