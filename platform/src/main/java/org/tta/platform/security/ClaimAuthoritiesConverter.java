package org.tta.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps a JWT to authorities: {@code ROLE_<role>} for each role found under the configured claim
 * path (dot-separated, so Keycloak's {@code realm_access.roles} works by configuration alone) and
 * {@code SCOPE_<scope>} for each entry of the space-separated {@code scope} claim (or {@code scp}).
 * Thread-safe and allocation-light: it runs once per verified token.
 */
public final class ClaimAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String[] rolesPath;

    public ClaimAuthoritiesConverter(String rolesClaim) {
        if (rolesClaim == null || rolesClaim.isBlank()) {
            throw new IllegalArgumentException("rolesClaim must not be blank");
        }
        this.rolesPath = rolesClaim.split("\\.");
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles(jwt.getClaims())) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        for (String scope : scopes(jwt.getClaims())) {
            authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
        }
        return authorities;
    }

    /** The roles under the configured path; anything that is not a list of strings counts as none. */
    public List<String> roles(Map<String, Object> claims) {
        Object node = claims;
        for (String segment : rolesPath) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(segment);
        }
        return strings(node);
    }

    private static List<String> scopes(Map<String, Object> claims) {
        Object scope = claims.get("scope");
        if (scope instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
        }
        return strings(scope != null ? scope : claims.get("scp"));
    }

    private static List<String> strings(Object node) {
        if (node instanceof Collection<?> values) {
            List<String> out = new ArrayList<>(values.size());
            for (Object value : values) {
                if (value instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
            return out;
        }
        return List.of();
    }
}
