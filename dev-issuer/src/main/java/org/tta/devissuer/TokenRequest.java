package org.tta.devissuer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The query of {@code GET /dev/token}, checked strictly so that a typo fails loudly instead of minting a surprise. */
record TokenRequest(String subject, List<String> roles, List<String> scopes, String audience, Duration ttl) {

    private static final Set<String> PARAMETERS = Set.of("sub", "roles", "scope", "aud", "ttl");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@/-]{1,128}");
    private static final Duration MAX_TTL = Duration.ofHours(24);

    /** Parses a raw query string; throws IllegalArgumentException with a message fit for a problem detail. */
    static TokenRequest parse(String rawQuery, DevIssuerSettings settings) {
        Map<String, String> params = decode(rawQuery);
        String subject = params.get("sub");
        if (subject == null || !NAME.matcher(subject).matches()) {
            throw new IllegalArgumentException("sub is required and must match " + NAME.pattern());
        }
        List<String> roles = names(params.get("roles"), ",", "roles");
        List<String> scopes = names(params.get("scope"), " ", "scope");
        String audience = params.getOrDefault("aud", settings.audience());
        if (!NAME.matcher(audience).matches()) {
            throw new IllegalArgumentException("aud must match " + NAME.pattern());
        }
        return new TokenRequest(subject, roles, scopes, audience, ttl(params.get("ttl"), settings.defaultTtl()));
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + PARAMETERS);
            }
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' given twice");
            }
        }
        return params;
    }

    private static List<String> names(String value, String separator, String parameter) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> names = Arrays.stream(value.trim().split(Pattern.quote(separator)))
                .map(String::trim)
                .toList();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(parameter + " entries must match " + NAME.pattern());
            }
        }
        return names;
    }

    private static Duration ttl(String value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        Duration ttl;
        try {
            ttl = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ttl must be an ISO-8601 duration such as PT30M");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL);
        }
        return ttl;
    }
}
