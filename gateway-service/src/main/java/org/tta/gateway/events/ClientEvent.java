package org.tta.gateway.events;

import java.net.URI;
import java.util.Map;

/**
 * A service's event that passed every rule, with what the client said about it. The gateway
 * still assigns {@code id}, {@code source}, {@code time} and {@code traceparent} when it publishes.
 *
 * @param type            the CloudEvents type
 * @param sessionKey      the session the event belongs to ({@code subject} or {@code partitionkey})
 * @param clientId        the client's {@code id}, a UUID; null when it sent none
 * @param clientSource    the client's {@code source}; null when it sent none
 * @param dataContentType a JSON media type; null when the event has no data
 * @param dataSchema      the schema of the data; null when unknown
 * @param data            the JSON data; null when the event has none
 * @param extensions      the allowed extension attributes the client sent (String, Integer or Boolean)
 */
record ClientEvent(String type, String sessionKey, String clientId, String clientSource, String dataContentType,
                   URI dataSchema, byte[] data, Map<String, Object> extensions) {

    ClientEvent {
        extensions = Map.copyOf(extensions);
    }

    /** The client's W3C trace context of this event, if it sent one (already validated). */
    String traceparent() {
        return (String) extensions.get(EventAttributes.TRACEPARENT);
    }
}
