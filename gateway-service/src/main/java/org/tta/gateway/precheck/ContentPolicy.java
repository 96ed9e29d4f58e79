package org.tta.gateway.precheck;

import java.util.List;

/**
 * A loaded, validated content policy. Reject rules win over crisis rules (content that must never
 * be relayed is not relayed, whatever else it says); within one action the first matching rule in
 * file order decides. Immutable and thread-safe.
 *
 * @param name    the policy's name from its file
 * @param version the policy file format version
 * @param rules   the rules in file order
 * @param phrases the phrases of all rules
 */
record ContentPolicy(String name, int version, List<PolicyRule> rules, PhraseIndex phrases) {

    ContentPolicy {
        rules = List.copyOf(rules);
    }

    PrecheckVerdict evaluate(String text) {
        String plain = TextViews.plain(text);
        TextViews.Folded folded = TextViews.fold(plain);
        boolean[] phraseHits = phrases.match(folded.wordArray());
        PolicyRule crisis = null;
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            if (rule.action() == PolicyRule.Action.REJECT) {
                if (rule.matches(phraseHits[i], plain, folded)) {
                    return new PrecheckVerdict(PrecheckVerdict.Outcome.REJECT, rule.id());
                }
            } else if (crisis == null && rule.matches(phraseHits[i], plain, folded)) {
                crisis = rule;
            }
        }
        return crisis == null ? PrecheckVerdict.ALLOW : new PrecheckVerdict(PrecheckVerdict.Outcome.CRISIS, crisis.id());
    }

    long count(PolicyRule.Action action) {
        return rules.stream().filter(rule -> rule.action() == action).count();
    }
}
