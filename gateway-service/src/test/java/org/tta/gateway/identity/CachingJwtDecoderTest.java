package org.tta.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CachingJwtDecoderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();
    private Instant expiry = clock.instant().plusSeconds(60);
    private boolean delegateRefuses;

    private final ReactiveJwtDecoder delegate = token -> {
        verifications.incrementAndGet();
        if (delegateRefuses) {
            return Mono.error(new BadJwtException("refused"));
        }
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(clock.instant().minusSeconds(1));
        if (expiry != null) {
            jwt.expiresAt(expiry);
        }
        return Mono.just(jwt.build());
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, 100, clock);

    @Test
    void verifiesATokenOnceAndAnswersRepeatsFromMemory() {
        StepVerifier.create(decoder.decode("t1")).expectNextCount(1).verifyComplete();
        StepVerifier.create(decoder.decode("t1")).expectNextCount(1).verifyComplete();

        assertThat(verifications).hasValue(1);
    }

    @Test
    void neverRemembersARefusedToken() {
        delegateRefuses = true;
        StepVerifier.create(decoder.decode("bad")).expectError(BadJwtException.class).verify();
        StepVerifier.create(decoder.decode("bad")).expectError(BadJwtException.class).verify();

        assertThat(verifications).hasValue(2);
        assertThat(decoder.remembers("bad")).isFalse();
    }

    @Test
    void doesNotServeAnExpiredTokenFromMemory() {
        StepVerifier.create(decoder.decode("t2")).expectNextCount(1).verifyComplete();
        clock.advance(Duration.ofSeconds(61));
        delegateRefuses = true;

        StepVerifier.create(decoder.decode("t2")).expectError(BadJwtException.class).verify();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void neverRemembersATokenWithoutExpiry() {
        expiry = null;
        StepVerifier.create(decoder.decode("t3")).expectNextCount(1).verifyComplete();
        StepVerifier.create(decoder.decode("t3")).expectNextCount(1).verifyComplete();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusesAForgedTokenWhileAValidOneIsRemembered() {
        StepVerifier.create(decoder.decode(aJws("key-1", "valid"))).expectNextCount(1).verifyComplete();
        delegateRefuses = true;

        StepVerifier.create(decoder.decode(aJws("key-1", "forged"))).expectError(BadJwtException.class).verify();
        assertThat(decoder.remembers(aJws("key-1", "valid"))).isTrue();
    }

    @Test
    void forgetsEveryRememberedTokenOnceATokenNamesAKeyItHasNotSeen() {
        String old = aJws("key-1", "old");
        StepVerifier.create(decoder.decode(old)).expectNextCount(1).verifyComplete();
        StepVerifier.create(decoder.decode(aJws("key-1", "other"))).expectNextCount(1).verifyComplete();
        assertThat(decoder.remembers(old)).as("same key: still remembered").isTrue();

        // The issuer rotated: a token of its new key makes the delegate read the new key set, without key-1.
        StepVerifier.create(decoder.decode(aJws("key-2", "new"))).expectNextCount(1).verifyComplete();
        assertThat(decoder.remembers(old)).isFalse();

        delegateRefuses = true;
        StepVerifier.create(decoder.decode(old)).as("verified again, and refused").expectError(BadJwtException.class).verify();
    }

    @Test
    void forgetsRememberedTokensAlsoWhenTheTokenOfTheUnseenKeyIsRefused() {
        String old = aJws("key-1", "old");
        StepVerifier.create(decoder.decode(old)).expectNextCount(1).verifyComplete();
        delegateRefuses = true;

        StepVerifier.create(decoder.decode(aJws("key-3", "unknown"))).expectError(BadJwtException.class).verify();

        assertThat(decoder.remembers(old)).isFalse();
    }

    /** A compact JWS whose header names {@code kid}; the delegate above does not check signatures. */
    private static String aJws(String kid, String id) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"jti\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".c2ln";
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
