package org.tta.gateway.subscription;

/** No subscription of the caller has this id (another owner's is "not found" too). */
public final class SubscriptionNotFoundException extends RuntimeException {
    public SubscriptionNotFoundException() {
        super("no such subscription", null, false, false);
    }
}
