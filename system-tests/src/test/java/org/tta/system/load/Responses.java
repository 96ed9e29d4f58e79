package org.tta.system.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every answer the load clients got, by kind. The allowed kinds are 2xx, a 4xx for input that was bad on
 * purpose, and 503 with {@code Retry-After}; 409 idempotency-in-progress (the answer to a retry while the
 * first attempt's marker lives) and "no answer" (the instance was killed) are counted apart, and anything
 * else is a violation.
 */
public final class Responses {

    public enum Kind {
        ACCEPTED("202 accepted", true),
        BAD_INPUT_REFUSED("4xx for bad input (sent on purpose)", true),
        UNAVAILABLE_WITH_RETRY_AFTER("503 with Retry-After (retried, same key)", true),
        IN_PROGRESS("409 idempotency-in-progress (retried, same key)", true),
        NO_ANSWER("no answer: connection refused/reset, timeout (retried, same key)", true),
        UNAVAILABLE_WITHOUT_RETRY_AFTER("503 without Retry-After", false),
        CLIENT_ERROR_FOR_GOOD_INPUT("4xx for good input", false),
        SERVER_ERROR("other 5xx", false),
        OTHER("other status", false);

        public final String label;
        public final boolean allowed;

        Kind(String label, boolean allowed) {
            this.label = label;
            this.allowed = allowed;
        }
    }

    private final Map<Kind, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> violations = new ConcurrentHashMap<>();

    public void count(Kind kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** A violation, with the status and the problem type only (never a body: it could carry content). */
    public void violation(Kind kind, int status, String problemType) {
        count(kind);
        violations.computeIfAbsent(status + " " + problemType, k -> new LongAdder()).increment();
    }


    public long get(Kind kind) {
        LongAdder adder = counts.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    public long violationCount() {
        return violations.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> violations() {
        Map<String, Long> copy = new TreeMap<>();
        violations.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
