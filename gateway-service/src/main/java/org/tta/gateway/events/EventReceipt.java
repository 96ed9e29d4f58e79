package org.tta.gateway.events;

/**
 * One accepted event: the id the gateway gave it and its opaque stream position (the same
 * encoding as message ingest's). Clients must treat {@code position} as opaque.
 */
public record EventReceipt(String id, String position) {
}
