package org.tta.gateway.realtime.socket;

/**
 * A token bucket for one connection's inbound frames: {@code perSecond} sustained, bursts of twice that.
 * Used from the connection's inbound sequence only (one frame at a time), so not synchronised.
 */
final class FrameRate {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    FrameRate(int perSecond) {
        this.perNano = perSecond / 1e9;
        this.burst = perSecond * 2.0;
        this.tokens = burst;
    }

    /** Takes a token; false when the connection sends faster than allowed. */
    boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
