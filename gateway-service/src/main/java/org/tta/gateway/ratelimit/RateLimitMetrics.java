package org.tta.gateway.ratelimit;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The rate limiter's meters, all under {@code tta.gateway.ratelimit}. */
final class RateLimitMetrics {

    private final MeterRegistry meters;

    RateLimitMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A request answered 429; {@code priority} is {@code none} for the IP budget. */
    void limited(String dimension, String priority) {
        Counter.builder("tta.gateway.ratelimit.rejected").description("Requests answered 429 by a rate limit")
                .tag("dimension", dimension).tag("class", priority).register(meters).increment();
    }

    /** A request answered 503 because Kafka was backpressured and its class is shed. */
    void shed(PriorityClass priority) {
        Counter.builder("tta.gateway.ratelimit.shed").description("Requests shed with 503 under Kafka backpressure")
                .tag("class", priority.tag()).register(meters).increment();
    }

    /** An address newly put on the block list: an alert. */
    void blocked(String reason) {
        Counter.builder("tta.gateway.ratelimit.blocked").description("Client addresses put on the temporary block list")
                .tag("reason", reason).register(meters).increment();
    }

    /** A request refused 403 because its address is blocked. */
    void refusedBlocked() {
        Counter.builder("tta.gateway.ratelimit.blocked.requests").description("Requests refused because their address is blocked")
                .register(meters).increment();
    }

    <T> void blockedAddresses(T source, ToDoubleFunction<T> count) {
        Gauge.builder("tta.gateway.ratelimit.blocked.addresses", source, count)
                .description("Client addresses on the block list now").register(meters);
    }
}
