package org.tta.router.webhook;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * What protects one subscriber and everyone else from it: a cap on requests in flight, an
 * optional rate limit and a circuit breaker. Thread-safe.
 */
final class SubscriberGate {

    private final int maxConcurrency;
    private final int ratePerSecond;
    private final Semaphore inFlight;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker breaker;

    SubscriberGate(String id, int maxConcurrency, int ratePerSecond, CircuitBreaker breaker) {
        this.maxConcurrency = maxConcurrency;
        this.ratePerSecond = ratePerSecond;
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.breaker = breaker;
        this.rateLimiter = ratePerSecond <= 0 ? null : RateLimiter.of(id, RateLimiterConfig.custom()
                .limitForPeriod(ratePerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
    }

    boolean sameLimits(int otherConcurrency, int otherRate) {
        return maxConcurrency == otherConcurrency && ratePerSecond == otherRate;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** Blocks (a virtual thread) until a slot is free and the rate allows another request. */
    void enter() throws InterruptedException {
        inFlight.acquire();
        if (rateLimiter != null && !rateLimiter.acquirePermission()) {
            inFlight.release();
            throw new InterruptedException("rate limiter wait exceeded");
        }
    }

    void leave() {
        inFlight.release();
    }
}
