package org.tta.gateway.realtime.delivery.cache;

import java.util.List;
import java.util.Optional;

import org.tta.gateway.realtime.delivery.Delivery;
import org.tta.gateway.realtime.delivery.Position;
import reactor.core.publisher.Mono;

/**
 * Recent deliveries per session, written by the fan-out of every instance and read by resumes. A read
 * answers only what the cache can prove complete; anything else is empty and the resume seeks Kafka.
 */
public interface HistoryCache {

    /**
     * Hands over what the fan-out consumed from one partition: every record from {@code chunk.from()} up
     * to {@code chunk.to()}. Never blocks; when it cannot be taken it is dropped (and counted).
     */
    void consumed(Chunk chunk);

    /**
     * The session's events after {@code since}, in order, when the cache holds provably all of them up to
     * at least {@code liveFrom} (exclusive): the offset from which this instance's fan-out had not yet
     * started dispatching when the connection registered. Empty when that cannot be proven.
     */
    Mono<Optional<List<Delivery>>> after(String sessionId, Position since, long liveFrom);

    /**
     * Records read from one partition by the fan-out, in order: every offset in [{@code from}, {@code to})
     * was consumed (control records and skipped records included), {@code deliveries} are those with a
     * session.
     */
    record Chunk(int partition, long from, long to, List<Delivery> deliveries) {
    }
}
