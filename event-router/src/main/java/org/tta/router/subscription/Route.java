package org.tta.router.subscription;

import io.cloudevents.CloudEvent;
import org.tta.schemas.subscription.Filter;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.subscription.SubscriptionRules;

/**
 * A materialized subscription: what it matches, on which input, and where matches go.
 *
 * @param subscription the stored subscription (with its secret)
 * @param filter       compiled source, types and filters
 * @param input        which input topic it listens to
 * @param sinkKind     where matches go
 */
public record Route(Subscription subscription, Filter filter, Input input, SinkKind sinkKind) {

    /** The input topics: service subscriptions see session events; escalations go to built-in routes only. */
    public enum Input { SESSION_EVENTS, ESCALATIONS }

    /** {@code KAFKA} and {@code PARTICIPANTS} write in the batch transaction; {@code WEBHOOK} is an HTTP call. */
    public enum SinkKind { KAFKA, WEBHOOK, PARTICIPANTS }

    public String id() {
        return subscription.id();
    }

    public boolean matches(Input from, CloudEvent event) {
        return input == from && filter.matches(event);
    }

    /** The topic of a Kafka sink. */
    public String kafkaTopic() {
        return SubscriptionRules.kafkaTopic(subscription.sink());
    }

    /** A route for a service's subscription (already checked by {@link SubscriptionRules}). */
    public static Route of(Subscription subscription) {
        SinkKind kind = Subscription.PROTOCOL_KAFKA.equals(SubscriptionRules.protocolOf(subscription.sink()))
                ? SinkKind.KAFKA : SinkKind.WEBHOOK;
        return new Route(subscription, subscription.compileFilter(), Input.SESSION_EVENTS, kind);
    }
}
