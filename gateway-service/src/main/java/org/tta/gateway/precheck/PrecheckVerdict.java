package org.tta.gateway.precheck;

/**
 * The outcome of the pre-check.
 *
 * @param outcome ALLOW, REJECT (never relayed: 422 content-policy) or CRISIS (accepted and flagged)
 * @param ruleId  the policy rule that decided, or null when none matched
 */
public record PrecheckVerdict(Outcome outcome, String ruleId) {

    public enum Outcome { ALLOW, REJECT, CRISIS }

    public static final PrecheckVerdict ALLOW = new PrecheckVerdict(Outcome.ALLOW, null);

    public boolean crisis() {
        return outcome == Outcome.CRISIS;
    }
}
