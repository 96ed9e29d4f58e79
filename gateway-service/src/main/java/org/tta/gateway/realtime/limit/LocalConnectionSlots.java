package org.tta.gateway.realtime.limit;

import org.tta.gateway.realtime.ConnectionSlots;
import org.tta.gateway.realtime.SessionHub;
import reactor.core.publisher.Mono;

/** Connections counted in this JVM only: the one-instance standalone run (no Redis). */
final class LocalConnectionSlots implements ConnectionSlots {

    private final SessionHub hub;

    LocalConnectionSlots(SessionHub hub) {
        this.hub = hub;
    }

    @Override
    public Mono<Boolean> reserve(String subject, String slotId, int max) {
        return Mono.fromSupplier(() -> hub.reserve(subject, max));
    }

    @Override
    public void release(String subject, String slotId) {
        hub.release(subject);
    }
}
