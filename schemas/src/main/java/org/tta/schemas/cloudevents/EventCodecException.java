package org.tta.schemas.cloudevents;

/**
 * A payload could not be encoded or decoded. The message names the type and the JSON pointer,
 * never the data: Jackson's own messages quote input, and event data may be PHI.
 */
public final class EventCodecException extends RuntimeException {

    public EventCodecException(String message) {
        super(message);
    }
}
