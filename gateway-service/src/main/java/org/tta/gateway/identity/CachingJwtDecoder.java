package org.tta.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

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
        return delegate.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
        });
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
