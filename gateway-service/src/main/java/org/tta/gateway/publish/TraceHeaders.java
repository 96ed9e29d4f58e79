package org.tta.gateway.publish;

import io.cloudevents.CloudEvent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.tta.gateway.web.TraceIds;
import reactor.util.context.ContextView;

/**
 * Writes the request's trace context ({@code traceparent}, {@code tracestate}, baggage) into the headers of the records
 * the publisher sends. The publisher's committers send on threads of their own, with their own producers and no
 * {@code KafkaTemplate}, so Spring Kafka's template observation never sees these records; consumers with listener
 * observation on (the workers) continue the trace from these headers.
 */
public final class TraceHeaders {

    /** Adds nothing: for tests and for a gateway without tracing. */
    public static final TraceHeaders NONE = new TraceHeaders(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceHeaders(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The same records, their headers carrying the span of the request in {@code context} (or the current one). */
    List<ProducerRecord<String, CloudEvent>> inject(List<ProducerRecord<String, CloudEvent>> records, ContextView context) {
        if (tracer == null) {
            return records;
        }
        Span span = spanOf(context);
        if (span == null) {
            return records;
        }
        for (ProducerRecord<String, CloudEvent> record : records) {
            propagator.inject(span.context(), record.headers(), TraceHeaders::set);
        }
        return records;
    }

    private Span spanOf(ContextView context) {
        Span span = TraceIds.spanOf(context);
        return span != null ? span : tracer.currentSpan();
    }

    private static void set(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
