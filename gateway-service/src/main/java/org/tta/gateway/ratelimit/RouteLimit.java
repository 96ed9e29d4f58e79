package org.tta.gateway.ratelimit;

import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Budgets for one route. A request matching it draws from buckets of the route's own (named after
 * it), so a costly route cannot use up the general budget and vice versa.
 *
 * @param name    short name, used in bucket keys and in the {@code RateLimit-Policy} header
 * @param path    a Spring path pattern, e.g. {@code /api/v1/sessions/*}{@code /messages}
 * @param method  HTTP method, or empty for any
 * @param classes budgets per priority class on this route
 * @param roles   budgets per role on this route (override the class budget)
 */
public record RouteLimit(
        @NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}") String name,
        @NotBlank String path,
        @Pattern(regexp = "|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS") String method,
        Map<PriorityClass, @Valid Budget> classes,
        Map<String, @Valid Budget> roles) {

    public RouteLimit {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        classes = classes == null ? Map.of() : Map.copyOf(classes);
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        for (String role : roles.keySet()) {
            if (!RateLimitProperties.KNOWN_ROLES.contains(role)) {
                throw new IllegalArgumentException("tta.gateway.rate-limits.routes[" + name + "].roles: unknown role '" + role + "'");
            }
        }
        if (path != null) {
            PathPatternParser.defaultInstance.parse(path);
        }
    }

    /** The parsed pattern; parsing is cheap enough to do once per route at start-up. */
    PathPattern pattern() {
        return PathPatternParser.defaultInstance.parse(path);
    }

    boolean matches(PathPattern pattern, String requestMethod, PathContainer requestPath) {
        return (method.isEmpty() || method.equals(requestMethod)) && pattern.matches(requestPath);
    }
}
