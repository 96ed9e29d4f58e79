package org.tta.gateway.idempotency;

import org.tta.gateway.publish.Published;

/** A committed record of an earlier attempt: where the broker stored it, and its CloudEvent id. */
public record FoundRecord(ExpectedRecord expected, Published published, String eventId) {
}
