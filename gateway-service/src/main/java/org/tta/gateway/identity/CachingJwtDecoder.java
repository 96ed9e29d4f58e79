package org.tta.gateway.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens the delegate already verified (signature, issuer, audience, times), keyed by the
 * exact token text, so a client's next request with the same token skips the RSA verification and
 * JSON parsing. Guarantees: only successfully verified tokens are kept; an entry never outlives the
 * token's {@code exp}, and every hit is checked against {@code exp} and {@code nbf} again; failures
 * are never cached, so a bad token is verified (and refused) every time. Bounded in size.
 *
 * <p>Key rotation: the delegate re-reads the issuer's key set when a token names a key id ({@code kid}) it does
 * not know, and from then on refuses tokens of keys the issuer withdrew. So when a token with a key id this
 * cache has not seen before was verified (or refused), it forgets every remembered token: each is verified again
 * by the delegate, against the key set it now holds, on its next use.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private static final int MAX_KEY_IDS = 64;

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Clock clock;
    private final Set<String> seenKeyIds = ConcurrentHashMap.newKeySet();

    public CachingJwtDecoder(ReactiveJwtDecoder delegate, long maxTokens, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt cached = verified.getIfPresent(token);
        if (cached != null) {
            Instant now = clock.instant();
            if (cached.getExpiresAt() != null && now.isBefore(cached.getExpiresAt())
                    && (cached.getNotBefore() == null || !now.isBefore(cached.getNotBefore()))) {
                return Mono.just(cached);
            }
            verified.invalidate(token);
            // fall through: the delegate decides (and refuses) with its own clock skew rules
        }
        String keyId = keyIdOf(token);
        boolean newKeyId = keyId != null && !seenKeyIds.contains(keyId);
        // Forgotten after the delegate's answer, whatever it was: by then it has read the key set that knows this key id.
        return delegate.decode(token)
                .doOnError(error -> {
                    if (newKeyId) {
                        newKeyId(keyId);
                    }
                })
                .doOnNext(jwt -> {
                    if (newKeyId) {
                        newKeyId(keyId);
                    }
                    if (jwt.getExpiresAt() != null) {
                        verified.put(token, jwt);
                    }
                });
    }

    private void newKeyId(String keyId) {
        if (seenKeyIds.size() >= MAX_KEY_IDS) {
            seenKeyIds.clear(); // forged tokens may name any key id; this set stays small
        }
        seenKeyIds.add(keyId);
        verified.invalidateAll();
    }

    /** The {@code kid} of the token's JOSE header, or null when it has none or is no JWS at all. */
    private static String keyIdOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return JWSHeader.parse(new Base64URL(token.substring(0, dot))).getKeyID();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private Duration untilExpiry(Jwt jwt) {
        Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** For tests: whether the token is currently remembered. */
    boolean remembers(String token) {
        return verified.getIfPresent(token) != null;
    }

}
