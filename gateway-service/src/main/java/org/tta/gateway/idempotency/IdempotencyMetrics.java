package org.tta.gateway.idempotency;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code tta.gateway.idempotency.requests{outcome}}: what happened to requests that carried a key. */
final class IdempotencyMetrics {

    static final String NAME = "tta.gateway.idempotency.requests";
    static final String EXECUTED = "executed";
    static final String REPLAYED = "replayed";
    static final String REUSED = "reused";
    static final String IN_PROGRESS = "in-progress";
    static final String INVALID = "invalid";
    static final String UNAVAILABLE = "store-unavailable";
    static final String NOT_STORED = "not-stored";
    static final String RECOVERED = "recovered";
    static final String OUTCOME_UNKNOWN = "outcome-unknown";
    static final String LEFT_FOR_LOOKUP = "left-for-lookup";

    private final Map<String, Counter> counters;

    IdempotencyMetrics(MeterRegistry meters) {
        this.counters = Map.of(
                EXECUTED, counter(meters, EXECUTED), REPLAYED, counter(meters, REPLAYED),
                REUSED, counter(meters, REUSED), IN_PROGRESS, counter(meters, IN_PROGRESS),
                INVALID, counter(meters, INVALID), UNAVAILABLE, counter(meters, UNAVAILABLE),
                NOT_STORED, counter(meters, NOT_STORED), RECOVERED, counter(meters, RECOVERED),
                OUTCOME_UNKNOWN, counter(meters, OUTCOME_UNKNOWN), LEFT_FOR_LOOKUP, counter(meters, LEFT_FOR_LOOKUP));
    }

    void count(String outcome) {
        counters.get(outcome).increment();
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(NAME).description("Requests with an Idempotency-Key, by outcome")
                .tag("outcome", outcome).register(meters);
    }
}
