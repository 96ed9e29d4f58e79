package org.tta.gateway.events;

import java.util.Locale;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The content modes of the CloudEvents HTTP binding (v1.0.2) that the gateway speaks. */
enum EventMode {
    /** Attributes in {@code ce-*} headers, the data as the body, {@code Content-Type} = datacontenttype. */
    BINARY,
    /** One event in the JSON event format ({@code application/cloudevents+json}). */
    STRUCTURED,
    /** A JSON array of events ({@code application/cloudevents-batch+json}). */
    BATCH;

    static final MediaType CLOUDEVENTS_JSON = MediaType.parseMediaType("application/cloudevents+json");
    static final MediaType CLOUDEVENTS_BATCH_JSON = MediaType.parseMediaType("application/cloudevents-batch+json");

    /**
     * Picks the mode from the {@code Content-Type}. Any other {@code application/cloudevents*} format
     * is refused, and so is a binary-mode body that is not JSON: the gateway carries JSON data only.
     *
     * @throws UnsupportedEventFormatException for a content type the gateway does not read (415)
     */
    static EventMode of(String contentType, boolean hasBody) {
        if (contentType == null || contentType.isBlank()) {
            // A body of unknown type cannot be read; an event without data needs no content type.
            if (hasBody) {
                throw new UnsupportedEventFormatException();
            }
            return BINARY;
        }
        MediaType mediaType;
        try {
            mediaType = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedEventFormatException();
        }
        if (mediaType.equalsTypeAndSubtype(CLOUDEVENTS_JSON)) {
            return STRUCTURED;
        }
        if (mediaType.equalsTypeAndSubtype(CLOUDEVENTS_BATCH_JSON)) {
            return BATCH;
        }
        if (mediaType.getSubtype().toLowerCase(Locale.ROOT).startsWith("cloudevents") || !isJson(mediaType)) {
            throw new UnsupportedEventFormatException();
        }
        return BINARY;
    }

    /** JSON as the CloudEvents JSON format defines it: a subtype {@code json} or one ending in {@code +json}. */
    static boolean isJson(MediaType mediaType) {
        String subtype = mediaType.getSubtype().toLowerCase(Locale.ROOT);
        return !mediaType.isWildcardType() && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    static boolean isJson(String contentType) {
        try {
            return isJson(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
