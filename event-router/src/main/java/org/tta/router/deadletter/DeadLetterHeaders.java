package org.tta.router.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;

/**
 * Headers the router adds to a dead letter, next to the event's own {@code ce_*} headers. Values
 * are short machine-readable words and numbers, never a response body or event data.
 */
public final class DeadLetterHeaders {

    /** The subscription that could not be served; absent for records that could not be read at all. */
    public static final String SUBSCRIPTION = "tta-dl-subscription";
    /** The last HTTP status; 0 when no answer came, -1 when nothing was sent. */
    public static final String STATUS = "tta-dl-status";
    public static final String ATTEMPTS = "tta-dl-attempts";
    /** The last error kind, such as {@code http-500}, {@code timeout}, {@code circuit-open}, {@code unreadable}. */
    public static final String ERROR = "tta-dl-error";
    public static final String SOURCE_TOPIC = "tta-dl-source-topic";
    public static final String SOURCE_PARTITION = "tta-dl-source-partition";
    public static final String SOURCE_OFFSET = "tta-dl-source-offset";
    public static final String TIME = "tta-dl-time";
    /**
     * On a redrive marker (a record without value in the same dead-letter topic): the
     * {@code <partition>:<offset>} of the letter that was redriven. The listing leaves such letters out.
     */
    public static final String REDRIVEN_OF = "tta-dl-redriven-of";

    private DeadLetterHeaders() {
    }

    /** Adds the error headers. */
    public static void add(Headers headers, String subscription, int status, int attempts, String error,
            String sourceTopic, int sourcePartition, long sourceOffset, Instant at) {
        if (subscription != null) {
            put(headers, SUBSCRIPTION, subscription);
        }
        put(headers, STATUS, Integer.toString(status));
        put(headers, ATTEMPTS, Integer.toString(attempts));
        put(headers, ERROR, error);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, TIME, at.toString());
    }

    /** A header's value as text, or null. */
    public static String get(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
