package org.tta.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
