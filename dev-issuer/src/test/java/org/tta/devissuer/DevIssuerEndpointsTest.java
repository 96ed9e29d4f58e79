package org.tta.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevIssuerEndpointsTest {

    private static DevIssuer closed;
    private static DevIssuer open;

    @BeforeAll
    static void startIssuers() {
        closed = DevIssuer.start(DevIssuerSettings.forTests());
        open = DevIssuer.start(DevIssuerSettings.forTests().withTokenEndpoint(true));
    }

    @AfterAll
    static void stopIssuers() {
        closed.close();
        open.close();
    }

    @Test
    void discoveryNamesTheIssuerAndItsJwks() throws Exception {
        HttpResponse<String> response = JwksVerifier.get(closed.issuerUri().resolve("/.well-known/openid-configuration"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> document = JSONObjectUtils.parse(response.body());
        assertThat(document).containsEntry("issuer", closed.issuerUri().toString())
                .containsEntry("jwks_uri", closed.issuerUri() + "/jwks")
                .containsKeys("id_token_signing_alg_values_supported", "subject_types_supported",
                        "response_types_supported")
                .doesNotContainKey("token_endpoint");
        assertThat(closed.issuerUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void discoveryAnnouncesTheTokenEndpointOnlyWhenEnabled() throws Exception {
        Map<String, Object> document = JSONObjectUtils.parse(
                JwksVerifier.get(open.issuerUri().resolve("/.well-known/openid-configuration")).body());

        assertThat(document).containsEntry("token_endpoint", open.issuerUri() + "/dev/token");
    }

    @Test
    void jwksIsServedAsAJwkSetWithoutPrivateParts() throws Exception {
        HttpResponse<String> response = JwksVerifier.get(closed.jwksUri());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/jwk-set+json");
        assertThat(response.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":", "\"p\":");
    }

    @Test
    void tokenEndpointIsNotFoundWhenDisabled() throws Exception {
        HttpResponse<String> response = JwksVerifier.get(closed.issuerUri().resolve("/dev/token?sub=alice"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void tokenEndpointMintsAVerifiableTokenWhenEnabled() throws Exception {
        URI uri = open.issuerUri().resolve("/dev/token?sub=alice&roles=patient,therapist"
                + "&scope=events:publish%20events:subscribe&aud=tta-platform&ttl=PT30M");

        HttpResponse<String> response = JwksVerifier.get(uri);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
        JWTClaimsSet claims = new JwksVerifier(open.jwksUri(), open.issuerUri().toString(), "tta-platform")
                .verify(response.body());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("patient", "therapist");
        assertThat(claims.getStringClaim("scope")).isEqualTo("events:publish events:subscribe");
        assertThat(claims.getExpirationTime().toInstant())
                .isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?roles=patient", "?sub=a&ttl=forever", "?sub=a&ttl=PT48H", "?sub=a&ttl=-PT1M",
            "?sub=a&role=patient", "?sub=a&sub=b", "?sub=a&roles=pa%20tient", "?sub=a&aud=%20"})
    void badTokenParametersGiveAProblem(String query) throws Exception {
        HttpResponse<String> response = JwksVerifier.get(URI.create(open.issuerUri() + "/dev/token" + query));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSONObjectUtils.parse(response.body()))
                .containsEntry("status", 400L)
                .containsEntry("type", "urn:tta:problem:dev-issuer:bad-token-request")
                .containsKey("detail");
    }

    @Test
    void unknownPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        assertThat(JwksVerifier.get(open.issuerUri().resolve("/jwks/extra")).statusCode()).isEqualTo(404);

        HttpRequest post = HttpRequest.newBuilder(open.issuerUri().resolve("/dev/token?sub=a"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
}
