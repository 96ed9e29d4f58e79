package org.tta.gateway.precheck;

/** The message breaks the content policy and must never be relayed: 422 content-policy. */
public final class ContentPolicyViolationException extends RuntimeException {

    private final String ruleId;

    public ContentPolicyViolationException(String ruleId) {
        super("The message breaks the content policy (rule " + ruleId + ")");
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }
}
