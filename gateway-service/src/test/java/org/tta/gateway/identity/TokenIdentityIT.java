package org.tta.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.SessionApi.creation;
import static org.tta.gateway.session.SessionApi.expectProblem;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.devissuer.DevIssuer;
import org.tta.gateway.session.Session;
import org.tta.gateway.session.SessionApi;
import org.tta.schemas.payload.Participant;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** Token checks of item 1 that the message tests do not cover, and who may create a session. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient
class TokenIdentityIT {

    @Autowired
    WebTestClient http;

    private SessionApi api;

    @BeforeEach
    void client() {
        api = new SessionApi(http);
    }

    record Case(String name, String token, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> tokens() {
        return Stream.of(
                // 45 s is past the configured 30 s skew but inside Spring's default 60 s: only the configured skew refuses it.
                new Case("not valid for 45 s", notBefore(Duration.ofSeconds(45)), 401, "unauthenticated"),
                new Case("not valid for 5 min", notBefore(Duration.ofMinutes(5)), 401, "unauthenticated"),
                new Case("HS256 keyed with the PEM of the public key", hs256WithPublicKey(true), 401, "unauthenticated"),
                new Case("HS256 keyed with the DER of the public key", hs256WithPublicKey(false), 401, "unauthenticated"),
                // Inside the skew the same kind of token is accepted, so the refusals above are about time, not form.
                new Case("not valid for 10 s (inside the skew)", notBefore(Duration.ofSeconds(10)), 403, "not-a-participant"));
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void checksTheTimeAndTheAlgorithmOfEveryToken(Case c) {
        var response = api.get(c.token(), UUID.randomUUID().toString());

        expectProblem(response, c.status(), c.type());
        if (c.status() == 401) {
            response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
    }

    @Test
    void aServiceWithSessionsWriteCreatesASessionItIsNotPartOf() {
        Session session = api.create(Tokens.aService("narrative-engine", "sessions:write"),
                Participant.patient("alice"), Participant.therapist("theo"));

        assertThat(session.createdBy()).isEqualTo("narrative-engine");
        assertThat(session.participants()).containsExactly(Participant.patient("alice"), Participant.therapist("theo"));
    }

    @Test
    void aPatientCannotCreateASession() {
        expectProblem(api.post(Tokens.aPatient("alice"), creation(null, Participant.patient("alice"))), 403, "forbidden");
    }

    private static String notBefore(Duration ahead) {
        return Tokens.builder("alice").roles("patient").claim("nbf", Date.from(Instant.now().plus(ahead))).sign();
    }

    /** The classic algorithm-confusion forgery: the verifier's own public key used as an HMAC secret. */
    private static String hs256WithPublicKey(boolean pem) {
        DevIssuer issuer = TestInfrastructure.get().issuer();
        try {
            RSAKey key = (RSAKey) issuer.publicKeys().getKeys().get(0);
            RSAPublicKey publicKey = key.toRSAPublicKey();
            byte[] der = publicKey.getEncoded();
            byte[] secret = pem
                    ? ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII)
                    : der;
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer.issuerUri().toString())
                    .subject("alice")
                    .audience(issuer.settings().audience())
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                    .claim(issuer.settings().rolesClaim(), List.of("patient"))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
