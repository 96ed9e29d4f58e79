package org.tta.gateway.precheck;

/** The content policy file cannot be used; thrown at start-up so that the gateway does not start without it. */
public final class InvalidContentPolicyException extends IllegalStateException {

    public InvalidContentPolicyException(String location, String problem) {
        super("Content policy " + location + " is invalid: " + problem);
    }
}
