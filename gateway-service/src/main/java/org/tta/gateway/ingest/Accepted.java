package org.tta.gateway.ingest;

/**
 * The 202 body: the id of the accepted session event and its opaque stream position.
 * Clients must treat {@code position} as an opaque token.
 */
public record Accepted(String id, String position) {
}
