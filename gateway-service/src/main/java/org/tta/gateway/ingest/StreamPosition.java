package org.tta.gateway.ingest;

import org.tta.gateway.publish.Published;

/** Encodes where a session event sits in its ordered stream. Opaque to clients. */
public final class StreamPosition {

    private StreamPosition() {
    }

    public static String of(Published published) {
        return published.partition() + "-" + published.offset();
    }
}
