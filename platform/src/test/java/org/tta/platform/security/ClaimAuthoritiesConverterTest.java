package org.tta.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ClaimAuthoritiesConverterTest {

    record Case(String name, String rolesClaim, Map<String, Object> claims, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("flat roles claim", "roles", Map.of("roles", List.of("patient")), List.of("ROLE_patient")),
                new Case("keycloak realm roles by configuration", "realm_access.roles",
                        Map.of("realm_access", Map.of("roles", List.of("therapist", "ops"))),
                        List.of("ROLE_therapist", "ROLE_ops")),
                new Case("scopes of a service token", "roles", Map.of("scope", "events:publish events:subscribe"),
                        List.of("SCOPE_events:publish", "SCOPE_events:subscribe")),
                new Case("scp list form", "roles", Map.of("scp", List.of("events:publish")), List.of("SCOPE_events:publish")),
                new Case("roles claim that is not a list grants nothing", "roles", Map.of("roles", "admin"), List.of()),
                new Case("non-string entries are ignored", "roles", Map.of("roles", List.of(1, "patient", "")),
                        List.of("ROLE_patient")),
                new Case("path through a non-object grants nothing", "realm_access.roles",
                        Map.of("realm_access", "admin"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void mapsClaimsToAuthorities(Case c) {
        var converter = new ClaimAuthoritiesConverter(c.rolesClaim());
        var jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60))
                .claims(claims -> claims.putAll(c.claims())).build();

        assertThat(converter.convert(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrderElementsOf(c.expected());
    }
}
