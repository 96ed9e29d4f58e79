package org.tta.schemas.subscription;

/**
 * TTA settings of a subscription; every null component takes the router's default.
 *
 * @param ordering       {@code ordered} (one session's events in order, sessions in parallel) or {@code unordered}
 * @param delivery       retries, backoff, timeouts and the dead-letter sink
 * @param maxConcurrency at most this many requests in flight to this subscriber
 * @param ratePerSecond  at most this many requests per second to this subscriber
 */
public record SubscriptionConfig(String ordering, DeliveryPolicy delivery, Integer maxConcurrency,
        Integer ratePerSecond) {

    public static final String ORDERED = "ordered";
    public static final String UNORDERED = "unordered";
    public static final SubscriptionConfig DEFAULTS = new SubscriptionConfig(null, null, null, null);

    public boolean unordered() {
        return UNORDERED.equals(ordering);
    }
}
