package org.tta.gateway.proxy.balance;

/**
 * Peak-EWMA latency of one instance (as in Finagle and Linkerd): a slower answer is taken at once, a
 * faster one decays the estimate exponentially with time constant {@code tau}. The cost the balancer
 * compares is the estimate times the requests in flight plus one. Thread-safe (synchronized on a
 * handful of arithmetic operations; contention is per instance).
 */
public final class LatencyStats {

    private final double tauNanos;
    private double ewmaNanos;
    private long stampNanos;
    private int inFlight;
    private long requests;
    private long failures;

    public LatencyStats(long tauNanos) {
        this.tauNanos = tauNanos;
        this.stampNanos = System.nanoTime();
    }

    public synchronized void start() {
        inFlight++;
        requests++;
    }

    /** Ends a request that took {@code rttNanos}; a failure counts as at least {@code penaltyNanos}. */
    public synchronized void end(long rttNanos, boolean failed, long penaltyNanos) {
        inFlight = Math.max(0, inFlight - 1);
        long sample = failed ? Math.max(rttNanos, penaltyNanos) : rttNanos;
        if (failed) {
            failures++;
        }
        long now = System.nanoTime();
        if (sample > ewmaNanos) {
            ewmaNanos = sample;
        } else {
            double w = Math.exp(-(now - stampNanos) / tauNanos);
            ewmaNanos = ewmaNanos * w + sample * (1 - w);
        }
        stampNanos = now;
    }

    /** The estimate decayed to now (so an instance penalised once is probed again later) times the load. */
    public synchronized double cost() {
        double decayed = ewmaNanos * Math.exp(-(System.nanoTime() - stampNanos) / tauNanos);
        return (decayed + 1) * (inFlight + 1);
    }

    public synchronized double ewmaMillis() {
        return ewmaNanos / 1_000_000.0;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized long requests() {
        return requests;
    }

    public synchronized long failures() {
        return failures;
    }
}
