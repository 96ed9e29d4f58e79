package org.tta.deploy;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Keeps the spans every service context in the test JVM exports (bounded; a full queue drops the newest). */
final class CollectingSpanExporter implements SpanExporter {

    static final BlockingQueue<SpanData> SPANS = new ArrayBlockingQueue<>(100_000);

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        spans.forEach(SPANS::offer);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    static List<SpanData> snapshot() {
        return new ArrayList<>(SPANS);
    }
}
