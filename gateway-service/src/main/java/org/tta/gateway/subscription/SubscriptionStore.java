package org.tta.gateway.subscription;

import java.util.List;
import java.util.Optional;

import org.tta.schemas.subscription.Subscription;
import reactor.core.publisher.Mono;

/**
 * Where subscriptions live: writes go to the compacted topic {@code tta.subscriptions.v1}, reads
 * come from this instance's view of it. A write is visible to reads on this instance as soon as
 * Kafka acknowledged it, and on the others (and every event-router) within a poll.
 */
interface SubscriptionStore {

    /** Stores the subscription (with its credential); completes after Kafka acknowledged it. */
    Mono<Subscription> put(Subscription subscription);

    /** Writes the tombstone; completes after Kafka acknowledged it. */
    Mono<Void> delete(String id);

    Optional<Subscription> get(String id);

    List<Subscription> ownedBy(String owner);
}
