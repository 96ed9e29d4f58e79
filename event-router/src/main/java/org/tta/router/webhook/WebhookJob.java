package org.tta.router.webhook;

import io.cloudevents.CloudEvent;
import org.tta.router.subscription.Route;

/**
 * One event for one webhook subscription.
 *
 * @param route the subscription
 * @param key   the record key (session id); ordered subscriptions deliver one key's events in order
 * @param event the event, sent as it came
 */
public record WebhookJob(Route route, String key, CloudEvent event, String traceparent) {

    /** A job outside any trace (a redrive). */
    public WebhookJob(Route route, String key, CloudEvent event) {
        this(route, key, event, null);
    }
}
