package org.tta.gateway.realtime.delivery;

/** A resume position that is malformed, from the future or from another session: answered 400 or close 4400. */
public final class InvalidPositionException extends RuntimeException {

    public InvalidPositionException(String message) {
        super(message);
    }
}
