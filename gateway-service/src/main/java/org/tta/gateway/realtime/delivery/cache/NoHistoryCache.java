package org.tta.gateway.realtime.delivery.cache;

import java.util.List;
import java.util.Optional;

import org.tta.gateway.realtime.delivery.Delivery;
import org.tta.gateway.realtime.delivery.Position;
import reactor.core.publisher.Mono;

/** No cache (disabled, or the one-instance in-memory run): every resume seeks Kafka. */
final class NoHistoryCache implements HistoryCache {

    @Override
    public void consumed(Chunk chunk) {
        // nothing kept
    }

    @Override
    public Mono<Optional<List<Delivery>>> after(String sessionId, Position since, long liveFrom) {
        return Mono.just(Optional.empty());
    }
}
