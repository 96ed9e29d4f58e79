package org.tta.gateway.events;

/** The request's {@code Content-Type} is no CloudEvents mode the gateway reads (415). */
public final class UnsupportedEventFormatException extends RuntimeException {

    public UnsupportedEventFormatException() {
        super("Send application/cloudevents+json, application/cloudevents-batch+json, or a JSON body with ce-* headers",
                null, false, false);
    }
}
