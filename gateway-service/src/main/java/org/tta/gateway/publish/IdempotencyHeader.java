package org.tta.gateway.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The {@code tta-idempotency} record header: {@code <tag>/<index>}, where the tag is the Idempotency-Key guard's
 * digest of the caller's scope and key (never the key or the caller themselves) and the index is the record's place
 * in its {@code publishAll} call. A retry whose first attempt's outcome is unknown looks for it in Kafka (ADR 0013).
 * The guard puts the tag into the Reactor context of the action; the publisher stamps the records with it.
 */
public final class IdempotencyHeader {

    public static final String NAME = "tta-idempotency";
    private static final String CONTEXT_KEY = IdempotencyHeader.class.getName();

    private IdempotencyHeader() {
    }

    /** The context under which every record published by an action carries {@code tag}. */
    public static Context context(String tag) {
        return Context.of(CONTEXT_KEY, tag);
    }

    /** The tag the context carries, or null outside a guarded action. */
    public static String tag(ContextView context) {
        return context.getOrDefault(CONTEXT_KEY, null);
    }

    /** Adds the header to every record when the context carries a tag; the records are returned either way. */
    static List<ProducerRecord<String, CloudEvent>> stamp(List<ProducerRecord<String, CloudEvent>> records,
                                                          ContextView context) {
        String tag = tag(context);
        if (tag == null) {
            return records;
        }
        for (int i = 0; i < records.size(); i++) {
            records.get(i).headers().remove(NAME).add(NAME, (tag + "/" + i).getBytes(StandardCharsets.US_ASCII));
        }
        return records;
    }

    /** The record's index within the request tagged {@code tag}, or -1 when the header names another request. */
    public static int indexOf(Header header, String tag) {
        if (header == null || header.value() == null) {
            return -1;
        }
        String value = new String(header.value(), StandardCharsets.US_ASCII);
        if (value.length() <= tag.length() + 1 || !value.startsWith(tag) || value.charAt(tag.length()) != '/') {
            return -1;
        }
        try {
            return Integer.parseInt(value, tag.length() + 1, value.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
