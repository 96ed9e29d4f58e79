package org.tta.gateway.publish;

/** Where the broker stored a record. */
public record Published(String topic, int partition, long offset) {
}
