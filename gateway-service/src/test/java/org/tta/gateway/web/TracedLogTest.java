package org.tta.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * With Reactor's context propagation {@code limited} no thread local follows a request; a line written through
 * {@link TracedLog} on a Reactor thread still carries the trace of the observation in the Reactor context. A real
 * OpenTelemetry tracer behind Micrometer's observation handler, as in the gateway; the lines go to a Logback appender.
 */
class TracedLogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final OtelTracer tracer = new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> { });
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final Logger log = (Logger) LoggerFactory.getLogger(TracedLogTest.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
        provider.close();
    }

    @Test
    void aLineWrittenOnAReactorThreadCarriesTheTraceOfItsReactorContext() {
        Observation request = Observation.start("http.server.requests", observations);
        Span span = spanOf(request);

        Optional<String> traceAfterwards = Mono.delay(Duration.ZERO)
                .flatMap(tick -> TracedLog.line(() -> log.warn("Request failed: status=503")))
                .then(Mono.fromCallable(() -> Optional.ofNullable(MDC.get(TracedLog.TRACE_ID))))
                .contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, request))
                .block(TIMEOUT);
        request.stop();

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getThreadName()).startsWith("parallel-");
            assertThat(line.getMDCPropertyMap())
                    .containsEntry(TracedLog.TRACE_ID, span.context().traceId())
                    .containsEntry(TracedLog.SPAN_ID, span.context().spanId());
        });
        assertThat(span.context().traceId()).matches("[0-9a-f]{32}");
        // nothing stays behind on the thread for the next request it serves
        assertThat(traceAfterwards).isEmpty();
    }

    @Test
    void withoutTheHelperTheSameLineHasNoTrace() {
        // What the helper is for: limited propagation leaves the Reactor thread's MDC empty.
        Observation request = Observation.start("http.server.requests", observations);

        Mono.delay(Duration.ZERO)
                .doOnNext(tick -> log.warn("Request failed: status=503"))
                .contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, request))
                .block(TIMEOUT);
        request.stop();

        assertThat(lines.list).singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap()).doesNotContainKey(TracedLog.TRACE_ID));
    }

    @Test
    void aScopePutsBackWhatTheMdcHeldBefore() {
        Observation request = Observation.start("http.server.requests", observations);
        Span span = spanOf(request);
        MDC.put(TracedLog.TRACE_ID, "outer");
        try {
            try (TracedLog.Scope ignored = TracedLog.scope(Context.of(ObservationThreadLocalAccessor.KEY, request))) {
                assertThat(MDC.get(TracedLog.TRACE_ID)).isEqualTo(span.context().traceId());
            }
            assertThat(MDC.get(TracedLog.TRACE_ID)).isEqualTo("outer");
            assertThat(MDC.get(TracedLog.SPAN_ID)).isNull();
        } finally {
            MDC.remove(TracedLog.TRACE_ID);
            request.stop();
        }
    }

    @Test
    void withoutATraceTheLineIsWrittenAsItIs() {
        TracedLog.line(() -> log.warn("Proxy routes loaded")).block(TIMEOUT);

        assertThat(lines.list).singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap()).doesNotContainKeys(TracedLog.TRACE_ID, TracedLog.SPAN_ID));
    }

    private static Span spanOf(Observation observation) {
        TracingObservationHandler.TracingContext tracing =
                observation.getContextView().get(TracingObservationHandler.TracingContext.class);
        assertThat(tracing).isNotNull();
        return tracing.getSpan();
    }
}
