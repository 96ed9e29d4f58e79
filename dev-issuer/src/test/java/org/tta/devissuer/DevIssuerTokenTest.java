package org.tta.devissuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DevIssuerTokenTest {

    private static DevIssuer issuer;
    private static JwksVerifier verifier;

    @BeforeAll
    static void startIssuer() throws Exception {
        issuer = DevIssuer.start(DevIssuerSettings.forTests());
        verifier = new JwksVerifier(issuer.jwksUri(), issuer.issuerUri().toString(), "tta-platform");
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void signedTokenVerifiesAgainstTheServedJwksWithDefaultClaims() throws Exception {
        String token = issuer.token("alice").roles("patient", "therapist").sign();

        JWTClaimsSet claims = verifier.verify(token);

        assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUri().toString());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("tta-platform");
        assertThat(claims.getStringListClaim("roles")).containsExactly("patient", "therapist");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(claims.getExpirationTime().toInstant())
                .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.publicKeys().getKeys().getFirst().getKeyID());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
    }

    @Test
    void scopesAndCustomClaimsAreCarried() throws Exception {
        String token = issuer.token("svc")
                .scopes("events:publish", "events:subscribe")
                .claim("realm_access", Map.of("roles", List.of("ops")))
                .claim("roles", null)
                .expiresIn(Duration.ofMinutes(2))
                .sign();

        JWTClaimsSet claims = verifier.verify(token);

        assertThat(claims.getStringClaim("scope")).isEqualTo("events:publish events:subscribe");
        assertThat(claims.getJSONObjectClaim("realm_access")).containsEntry("roles", List.of("ops"));
        assertThat(claims.getClaims()).doesNotContainKey("roles");
        assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().plus(Duration.ofMinutes(3)));
    }

    @Test
    void unsignedTokenHasAlgNoneAndAnEmptySignature() {
        String token = issuer.token("mallory").unsigned();

        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"none\"");
        assertThat(token).endsWith(".").matches("[\\w-]+\\.[\\w-]+\\.");
    }

    record BadToken(String name, Function<DevIssuer, String> mint, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadToken> badTokens() {
        return Stream.of(
                new BadToken("expired", i -> i.token("bob").expiredAgo(Duration.ofMinutes(5)).sign(), "Expired"),
                new BadToken("forged", i -> i.token("bob").signWithForeignKey(), "Invalid signature"),
                new BadToken("unsigned", i -> i.token("bob").unsigned(), "Unsecured"),
                new BadToken("wrong issuer", i -> i.token("bob").issuer("http://127.0.0.1:1/other").sign(), "iss"),
                new BadToken("wrong audience", i -> i.token("bob").audience("another-platform").sign(), "aud"));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void badTokensFailVerification(BadToken bad) {
        String token = bad.mint().apply(issuer);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(BadJOSEException.class)
                .hasMessageContaining(bad.reason());
    }

    @Test
    void forgedTokenClaimsTheIssuersKeyId() throws Exception {
        String forged = issuer.token("bob").signWithForeignKey();

        assertThat(SignedJWT.parse(forged).getHeader().getKeyID())
                .isEqualTo(SignedJWT.parse(issuer.token("bob").sign()).getHeader().getKeyID());
    }
}
