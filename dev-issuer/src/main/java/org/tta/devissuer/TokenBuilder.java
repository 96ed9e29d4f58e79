package org.tta.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Builds one JWT from a {@link DevIssuer}; not thread-safe, every call returns this builder. */
public final class TokenBuilder {

    private final SigningKeys keys;
    private final DevIssuerSettings settings;
    private final String subject;
    private final Map<String, Object> extraClaims = new LinkedHashMap<>();
    private String issuer;
    private String audience;
    private List<String> roles = List.of();
    private List<String> scopes = List.of();
    private Duration expiresIn;
    private Duration expiredAgo;

    TokenBuilder(SigningKeys keys, DevIssuerSettings settings, String issuer, String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        this.keys = keys;
        this.settings = settings;
        this.issuer = issuer;
        this.subject = subject;
        this.audience = settings.audience();
        this.expiresIn = settings.defaultTtl();
    }

    /** Replaces the roles claim (a JSON array, possibly empty). */
    public TokenBuilder roles(String... newRoles) {
        this.roles = List.of(newRoles);
        return this;
    }

    /** Replaces the space-separated {@code scope} claim; no scopes means no claim. */
    public TokenBuilder scopes(String... newScopes) {
        this.scopes = List.of(newScopes);
        return this;
    }

    public TokenBuilder audience(String aud) {
        this.audience = Objects.requireNonNull(aud, "aud");
        return this;
    }

    /** Overrides {@code iss}, for tokens that claim to come from somewhere else. */
    public TokenBuilder issuer(String iss) {
        this.issuer = Objects.requireNonNull(iss, "iss");
        return this;
    }

    public TokenBuilder expiresIn(Duration ttl) {
        requirePositive(ttl, "ttl");
        this.expiresIn = ttl;
        this.expiredAgo = null;
        return this;
    }

    /** Makes {@code exp} lie {@code ago} in the past, with {@code iat} and {@code nbf} one default lifetime before it. */
    public TokenBuilder expiredAgo(Duration ago) {
        requirePositive(ago, "ago");
        this.expiredAgo = ago;
        this.expiresIn = null;
        return this;
    }

    /** Sets any claim, overriding the defaults (including the registered ones); a null value removes the claim. */
    public TokenBuilder claim(String name, Object value) {
        extraClaims.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** RS256 with the issuer's key; the header carries its kid and typ JWT. */
    public String sign() {
        return signWith(keys.signing());
    }

    /** The same claims signed by a different RSA key that claims the issuer's kid: a forgery. */
    public String signWithForeignKey() {
        return signWith(keys.foreign());
    }

    /** The same claims with header {@code alg: none} and an empty signature. */
    public String unsigned() {
        return new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(), claims()).serialize();
    }

    JWTClaimsSet claims() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = expiredAgo != null ? now.minus(expiredAgo) : now.plus(expiresIn);
        Instant issuedAt = expiredAgo != null ? expiry.minus(settings.defaultTtl()) : now;
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim(settings.rolesClaim(), roles);
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        extraClaims.forEach(claims::claim);
        return claims.build();
    }

    private String signWith(RSAKey key) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
