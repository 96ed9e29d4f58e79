package org.tta.gateway.proxy.route;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A composite route: one GET answered from several routes in parallel.
 *
 * @param path    a path pattern with variables, e.g. {@code /api/v1/overview/sessions/{id}}
 * @param parts   parts by name: which route and which path (the pattern's variables filled in)
 * @param timeout a part slower than this is left out and marked failed (the answer is partial)
 */
public record CompositeSpec(
        @NotBlank String path,
        Map<String, @Valid Part> parts,
        @DefaultValue("3s") @NotNull Duration timeout) {

    public CompositeSpec {
        parts = parts == null ? Map.of() : Map.copyOf(parts);
    }

    public void check(String name, Set<String> routes) {
        String where = "tta.gateway.proxy.composites." + name;
        if (!name.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException(where + ": a composite name is 1 to 40 of [a-z0-9-]");
        }
        if (path == null || !path.matches("/api/v[0-9]{1,2}(/([a-z0-9][a-z0-9-]*|\\{[a-zA-Z]+\\})){1,6}")) {
            throw new IllegalArgumentException(where + ".path: '" + path + "' is not /api/v{n}/... of lower-case segments and {variables}");
        }
        ReservedPaths.requireFree(where + ".path", path.replaceAll("/\\{.*$", ""));
        PathPatternParser.defaultInstance.parse(path);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(where + ".parts: at least one part is required");
        }
        parts.forEach((partName, part) -> {
            if (!routes.contains(part.route())) {
                throw new IllegalArgumentException(where + ".parts." + partName + ".route: no route named '" + part.route() + "'");
            }
        });
    }

    /**
     * @param route the route that serves this part
     * @param path  the backend path through that route, with the composite's variables, e.g. {@code /api/v1/players/{id}}
     */
    public record Part(@NotBlank String route, @NotBlank String path) {
    }
}
