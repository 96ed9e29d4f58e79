package org.tta.testkit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.tta.devissuer.DevIssuer;

/** Verifies tokens as a resource server would: keys fetched over HTTP, RS256 only, exact iss, required aud. */
final class JwksVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwksVerifier(DevIssuer issuer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(issuer.jwksUri()).timeout(Duration.ofSeconds(5)).build();
        String body;
        try (HttpClient http = HttpClient.newHttpClient()) {
            body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(body))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(issuer.settings().audience(),
                new JWTClaimsSet.Builder().issuer(issuer.issuerUri().toString()).build(), Set.of("sub", "exp")));
    }

    JWTClaimsSet verify(String token) throws Exception {
        return processor.process(token, null);
    }
}
