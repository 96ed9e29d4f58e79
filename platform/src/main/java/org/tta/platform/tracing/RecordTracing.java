package org.tta.platform.tracing;

import java.nio.charset.StandardCharsets;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Continues the trace of a Kafka record in a consumer that Spring Kafka does not observe (a poll loop of our own,
 * a Kafka Streams processor, a batch listener): one CONSUMER span per record, child of the W3C {@code traceparent}
 * the producer wrote into the record headers (a new trace when there is none). Spans carry metadata only.
 */
public final class RecordTracing {

    private static final RecordTracing NOOP = new RecordTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing that records nothing, for services or tests without a tracer. */
    public static RecordTracing noop() {
        return NOOP;
    }

    /** Starts the span of consuming one record; the caller ends it (and may put it in scope with {@link #scope}). */
    public Span consume(String name, String topic, Headers headers) {
        Span.Builder builder = headers == null ? tracer.spanBuilder() : propagator.extract(headers, RecordTracing::header);
        return builder.name(name).kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", topic)
                .start();
    }

    /** Makes the span current on this thread until the returned scope is closed. */
    public Tracer.SpanInScope scope(Span span) {
        return tracer.withSpan(span);
    }

    /** Writes the current span's context into outgoing record headers (replacing any there). */
    public void inject(Headers headers) {
        Span current = tracer.currentSpan();
        if (current == null) {
            return;
        }
        propagator.inject(current.context(), headers, (carrier, key, value) -> {
            carrier.remove(key);
            carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The W3C {@code traceparent} of the current span, for an outgoing HTTP call made later; null when none. */
    public String currentTraceparent() {
        Span current = tracer.currentSpan();
        if (current == null) {
            return null;
        }
        java.util.Map<String, String> carrier = new java.util.HashMap<>();
        propagator.inject(current.context(), carrier, java.util.Map::put);
        return carrier.get("traceparent");
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
