package org.tta.gateway.events;

import java.util.List;

/** One or more events of a request break the CloudEvents binding or the gateway's rules (400). */
public final class InvalidEventException extends RuntimeException {

    private final List<EventViolation> violations;

    public InvalidEventException(List<EventViolation> violations) {
        // The violations never carry submitted values, but keep them out of the message all the same.
        super("Invalid CloudEvent: " + violations.size() + " violation(s)", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<EventViolation> violations() {
        return violations;
    }
}
