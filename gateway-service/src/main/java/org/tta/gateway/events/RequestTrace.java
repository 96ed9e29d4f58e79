package org.tta.gateway.events;

import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * The W3C trace context an event is published with. The request's {@code traceparent} header
 * (with its {@code tracestate}) wins; without a valid one, an event's own {@code traceparent}
 * extension is kept; without either, a new trace is started. An invalid header is ignored, as the
 * W3C Trace Context recommendation asks of a receiver.
 *
 * @param traceparent a valid version-00 value, or null for "none given yet"
 * @param tracestate  its vendor state, or null
 */
record RequestTrace(String traceparent, String tracestate) {

    private static final int MAX_TRACESTATE = 512;

    /** From the request's {@code traceparent} and {@code tracestate} headers (either may be null). */
    static RequestTrace fromHeaders(String traceparent, String tracestate) {
        if (!TraceParents.isValid(traceparent)) {
            return new RequestTrace(null, null);
        }
        boolean stateUsable = tracestate != null && !tracestate.isBlank() && tracestate.length() <= MAX_TRACESTATE
                && !HeaderValues.hasControlCharacter(tracestate);
        return new RequestTrace(traceparent, stateUsable ? tracestate : null);
    }

    /** The context one event is published with; never without a traceparent. */
    RequestTrace forEvent(ClientEvent event) {
        if (traceparent != null) {
            return this;
        }
        if (event.traceparent() != null) {
            return new RequestTrace(event.traceparent(), (String) event.extensions().get(EventAttributes.TRACESTATE));
        }
        return new RequestTrace(TraceParents.generate(), null);
    }

    String traceId() {
        return traceparent == null ? null : TraceParents.traceId(traceparent);
    }

    CloudEventBuilder applyTo(CloudEventBuilder builder) {
        builder.withExtension(EventAttributes.TRACEPARENT, traceparent);
        if (tracestate != null) {
            builder.withExtension(EventAttributes.TRACESTATE, tracestate);
        }
        return builder;
    }
}
