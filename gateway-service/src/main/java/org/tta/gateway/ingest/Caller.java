package org.tta.gateway.ingest;

import java.util.List;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tta.platform.security.Roles;

/** Who is calling, as far as the ingest needs to know: subject and the role they act in. */
record Caller(String subject, String role) {

    private static final List<String> PARTICIPANT_ROLES = List.of(Roles.THERAPIST, Roles.PATIENT);

    static Caller of(JwtAuthenticationToken token) {
        String role = PARTICIPANT_ROLES.stream()
                .filter(r -> token.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + r)))
                .findFirst()
                .orElse("service");
        return new Caller(token.getToken().getSubject(), role);
    }
}
