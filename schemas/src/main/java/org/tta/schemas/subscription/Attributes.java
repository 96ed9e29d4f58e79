package org.tta.schemas.subscription;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.cloudevents.CloudEvent;

/** Reads a context attribute or extension of an event as the string that filters compare. */
final class Attributes {

    private Attributes() {
    }

    /** The attribute's string form, or {@code null} when the event does not carry it. */
    static String value(CloudEvent event, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        Object value = switch (key) {
            case "id" -> event.getId();
            case "source" -> event.getSource();
            case "type" -> event.getType();
            case "specversion" -> event.getSpecVersion().toString();
            case "subject" -> event.getSubject();
            case "time" -> event.getTime();
            case "datacontenttype" -> event.getDataContentType();
            case "dataschema" -> event.getDataSchema();
            default -> event.getExtension(key);
        };
        return switch (value) {
            case null -> null;
            case OffsetDateTime time -> time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case URI uri -> uri.toString();
            default -> value.toString();
        };
    }
}
