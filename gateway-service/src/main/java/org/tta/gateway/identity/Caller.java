package org.tta.gateway.identity;

import java.util.HashSet;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tta.platform.security.Roles;

/**
 * Who is calling, from a verified token: the subject, the role they act in (the first of
 * therapist, patient, clinical_reviewer, ops, admin they hold, or {@code service} for a
 * client-credentials token without roles), all their roles and scopes, and the OAuth2 client.
 */
public record Caller(String subject, String role, Set<String> roles, Set<String> scopes, String clientId) {

    public static final String SERVICE = "service";

    private static final String[] ROLE_PRECEDENCE =
            {Roles.THERAPIST, Roles.PATIENT, Roles.CLINICAL_REVIEWER, Roles.OPS, Roles.ADMIN};

    public Caller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public static Caller of(JwtAuthenticationToken token) {
        Set<String> roles = new HashSet<>();
        Set<String> scopes = new HashSet<>();
        for (GrantedAuthority authority : token.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.startsWith("ROLE_")) {
                roles.add(name.substring(5));
            } else if (name.startsWith("SCOPE_")) {
                scopes.add(name.substring(6));
            }
        }
        String role = SERVICE;
        for (String candidate : ROLE_PRECEDENCE) {
            if (roles.contains(candidate)) {
                role = candidate;
                break;
            }
        }
        Jwt jwt = token.getToken();
        String clientId = jwt.getClaimAsString("azp") != null ? jwt.getClaimAsString("azp") : jwt.getClaimAsString("client_id");
        return new Caller(jwt.getSubject(), role, roles, scopes, clientId);
    }

    public boolean hasRole(String name) {
        return roles.contains(name);
    }

    public boolean hasScope(String name) {
        return scopes.contains(name);
    }

    /** A backend service acting with a client-credentials token (no human role). */
    public boolean isService() {
        return SERVICE.equals(role);
    }
}
