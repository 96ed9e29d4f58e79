package org.tta.gateway.precheck;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The pre-check over the content policy file: local rules, no I/O after start-up. Counts every
 * verdict in {@code tta.gateway.precheck.verdicts} by outcome and rule.
 */
@Component
class PolicyPrecheck implements ContentPrecheck {

    private static final Logger log = LoggerFactory.getLogger(PolicyPrecheck.class);
    static final String VERDICTS = "tta.gateway.precheck.verdicts";
    private static final String NO_RULE = "none";

    private final ContentPolicy policy;
    private final Counter allowed;
    // Registered once per rule at start-up, so a check only increments.
    private final Map<String, Counter> byRule = new HashMap<>();

    PolicyPrecheck(PrecheckProperties properties, ResourceLoader resources, MeterRegistry meters) {
        this.policy = ContentPolicyLoader.load(resources.getResource(properties.policy()), properties.policy());
        this.allowed = counter(meters, PrecheckVerdict.Outcome.ALLOW, NO_RULE);
        for (PolicyRule rule : policy.rules()) {
            PrecheckVerdict.Outcome outcome = rule.action() == PolicyRule.Action.REJECT
                    ? PrecheckVerdict.Outcome.REJECT : PrecheckVerdict.Outcome.CRISIS;
            byRule.put(rule.id(), counter(meters, outcome, rule.id()));
        }
        log.info("Content policy '{}' (format v{}) loaded from {}: {} reject rules, {} crisis rules", policy.name(),
                policy.version(), properties.policy(), policy.count(PolicyRule.Action.REJECT),
                policy.count(PolicyRule.Action.CRISIS));
    }

    @Override
    public PrecheckVerdict check(String text) {
        UnsafeCharacters.requireNone(text);
        PrecheckVerdict verdict = policy.evaluate(text);
        (verdict.ruleId() == null ? allowed : byRule.get(verdict.ruleId())).increment();
        return verdict;
    }

    private static Counter counter(MeterRegistry meters, PrecheckVerdict.Outcome outcome, String rule) {
        return Counter.builder(VERDICTS)
                .description("Inline pre-check verdicts by outcome and policy rule")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .tag("rule", rule)
                .register(meters);
    }
}
