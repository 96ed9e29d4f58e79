package org.tta.gateway.subscription;

import java.util.List;

import org.tta.schemas.subscription.SubscriptionRules;

/** The subscription cannot be accepted: an unsupported dialect or sink scheme, or a bad setting. */
public final class InvalidSubscriptionException extends RuntimeException {

    private final List<SubscriptionRules.Problem> problems;

    public InvalidSubscriptionException(List<SubscriptionRules.Problem> problems) {
        super("invalid subscription", null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<SubscriptionRules.Problem> problems() {
        return problems;
    }
}
