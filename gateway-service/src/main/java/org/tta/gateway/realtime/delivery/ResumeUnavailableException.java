package org.tta.gateway.realtime.delivery;

/** The events after a resume position are no longer retained (or too many to replay): the client must reload. */
public final class ResumeUnavailableException extends RuntimeException {

    public ResumeUnavailableException(String message) {
        super(message);
    }
}
