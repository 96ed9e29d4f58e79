package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@TtaIntegrationTest
class TokensIT {

    private static JwksVerifier verifier;

    @BeforeAll
    static void fetchKeys(TestInfrastructure infrastructure) throws Exception {
        verifier = new JwksVerifier(infrastructure.issuer());
    }

    record RoleToken(Supplier<String> token, String role) {
    }

    static Stream<RoleToken> roleTokens() {
        return Stream.of(
                new RoleToken(() -> Tokens.aPatient("p1"), "patient"),
                new RoleToken(() -> Tokens.aTherapist("p1"), "therapist"),
                new RoleToken(() -> Tokens.aReviewer("p1"), "clinical_reviewer"),
                new RoleToken(() -> Tokens.anOperator("p1"), "ops"),
                new RoleToken(() -> Tokens.anAdmin("p1"), "admin"));
    }

    @ParameterizedTest
    @MethodSource("roleTokens")
    void roleTokensVerifyAndCarryTheirRole(RoleToken fixture) throws Exception {
        JWTClaimsSet claims = verifier.verify(fixture.token().get());

        assertThat(claims.getSubject()).isEqualTo("p1");
        assertThat(claims.getStringListClaim("roles")).containsExactly(fixture.role());
    }

    @Test
    void serviceTokensCarryScopesAndClientIdButNoRoles() throws Exception {
        JWTClaimsSet claims = verifier.verify(Tokens.aService("router", "events:publish", "events:subscribe"));

        assertThat(claims.getSubject()).isEqualTo("router");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("router");
        assertThat(claims.getStringClaim("azp")).isEqualTo("router");
        assertThat(claims.getStringClaim("scope")).isEqualTo("events:publish events:subscribe");
        assertThat(claims.getClaims()).doesNotContainKey("roles");
    }

    @Test
    void builderAddsCustomClaims() throws Exception {
        String token = Tokens.builder("k1").claim("realm_access", java.util.Map.of("roles", List.of("ops"))).sign();

        assertThat(verifier.verify(token).getJSONObjectClaim("realm_access")).containsEntry("roles", List.of("ops"));
    }

    record BadToken(String name, Supplier<String> token, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadToken> badTokens() {
        return Stream.of(
                new BadToken("expired", () -> Tokens.anExpiredToken("p1"), "Expired"),
                new BadToken("another issuer", () -> Tokens.aTokenFromAnotherIssuer("p1"), "iss"),
                new BadToken("another audience", () -> Tokens.aTokenForAnotherAudience("p1"), "aud"),
                new BadToken("unsigned", () -> Tokens.anUnsignedToken("p1"), "Unsecured"),
                new BadToken("forged", () -> Tokens.aForgedToken("p1"), "Invalid signature"));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void badTokensFailVerificationForTheirOneDefect(BadToken bad) {
        assertThatThrownBy(() -> verifier.verify(bad.token().get()))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining(bad.reason());
    }
}
