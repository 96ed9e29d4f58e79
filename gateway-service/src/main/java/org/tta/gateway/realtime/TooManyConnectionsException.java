package org.tta.gateway.realtime;

/** The caller already holds the most connections allowed (on all instances): answered 429 before any upgrade. */
public final class TooManyConnectionsException extends RuntimeException {

    public TooManyConnectionsException() {
        super("Too many open real-time connections for this caller");
    }
}
