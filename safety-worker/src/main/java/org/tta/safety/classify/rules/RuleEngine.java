package org.tta.safety.classify.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.Tier;
import org.tta.safety.classify.text.NormalizedText;

/**
 * Applies one {@link RuleSet} to a normalised message: finds the rule matches, then lets the modifiers decide what
 * each match means. Stateless and thread-safe.
 *
 * <ul>
 *   <li>negated ("I would never hurt myself"), hypothetical or fiction ("what if someone...", "in the movie"),
 *       or a quotation that is neither the author's thought nor reported from someone named: dropped;</li>
 *   <li>about someone else ("my friend said she wants to die"): {@link Category#THIRD_PARTY_CONCERN}, at most
 *       {@link Tier#MODERATE}, so never an escalation of the author's own; unless the rule says a match about someone
 *       else is a danger to their life ({@code thirdParty: emergency}: a method, an act under way, a goodbye; or
 *       {@code urgent} and the message has an urgency cue such as a time or "won't wake up"): then
 *       {@link Category#THIRD_PARTY_EMERGENCY} at the rule's tier, which escalates;</li>
 *   <li>past or recovery talk without relapse ("I used to cut, clean for 2 years"): at most {@link Tier#LOW}.</li>
 * </ul>
 */
public final class RuleEngine {

    private RuleEngine() {
    }

    /** The signals of the message under this rule set, one per rule at most, in rule order. */
    public static List<Signal> evaluate(RuleSet rules, NormalizedText text) {
        if (text.size() == 0) {
            return List.of();
        }
        List<Hit> hits = rules.index().scan(text);
        if (rules.hasPatterns()) {
            hits.addAll(patternHits(rules, text));
        }
        boolean anyRule = false;
        for (Hit h : hits) {
            anyRule |= h.cue() == Cue.RULE;
        }
        if (!anyRule) {
            return List.of();
        }
        Modifiers modifiers = new Modifiers(text, hits);
        Signal[] best = new Signal[rules.size()];
        for (Hit h : hits) {
            if (h.cue() != Cue.RULE) {
                continue;
            }
            CompiledRule rule = rules.rules().get(h.rule());
            if (rule.needsContext() && !inSentence(hits, Cue.CONTEXT, h, text)) {
                continue;
            }
            if (rule.needsMessageContext() && !inMessage(hits, h.rule())) {
                continue;
            }
            if (rule.hasUnless() && inSentence(hits, Cue.UNLESS, h, text)) {
                continue;
            }
            Signal signal = judge(rule, h, modifiers);
            if (signal != null && (best[h.rule()] == null || stronger(signal, best[h.rule()]))) {
                best[h.rule()] = signal;
            }
        }
        List<Signal> signals = new ArrayList<>();
        for (Signal s : best) {
            if (s != null) {
                signals.add(s);
            }
        }
        return signals;
    }

    private static Signal judge(CompiledRule rule, Hit h, Modifiers m) {
        if (m.negated(h) || m.hypothetical(h)) {
            return null;
        }
        boolean thirdParty = false;
        if (m.quoted(h) && !m.selfQuote(h)) {
            if (!m.reportedByThirdParty(h)) {
                return null; // lyrics, a film line, a quotation
            }
            thirdParty = true;
        }
        if (!thirdParty) {
            thirdParty = switch (rule.person()) {
                case SUBJECT -> m.subjectIsThirdParty(h);
                case OBJECT -> m.objectIsThirdParty(h);
                case NONE -> false;
            };
        }
        Category category = rule.category();
        Tier tier = m.pastOrRecovered(h) ? min(rule.tier(), Tier.LOW) : rule.tier();
        if (thirdParty && !isThirdParty(category)) {
            boolean emergency = tier.escalates() && rule.thirdParty().emergency(m.urgent());
            category = emergency ? Category.THIRD_PARTY_EMERGENCY : Category.THIRD_PARTY_CONCERN;
            tier = emergency ? tier : min(tier, Tier.MODERATE);
        }
        if (category == Category.THIRD_PARTY_EMERGENCY && !tier.escalates()) {
            category = Category.THIRD_PARTY_CONCERN; // an emergency told in the past ("years ago") is a concern
        }
        return new Signal(rule.id(), category, tier, rule.weight());
    }

    private static boolean isThirdParty(Category category) {
        return category == Category.THIRD_PARTY_CONCERN || category == Category.THIRD_PARTY_EMERGENCY;
    }

    static boolean stronger(Signal a, Signal b) {
        int byTier = a.tier().compareTo(b.tier());
        return byTier != 0 ? byTier > 0 : a.weight() > b.weight();
    }

    private static Tier min(Tier a, Tier b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean inSentence(List<Hit> hits, Cue cue, Hit h, NormalizedText text) {
        int sentence = text.get(h.start()).sentence();
        for (Hit c : hits) {
            if (c.cue() == cue && c.rule() == h.rule() && text.get(c.start()).sentence() == sentence) {
                return true;
            }
        }
        return false;
    }

    private static boolean inMessage(List<Hit> hits, int rule) {
        for (Hit c : hits) {
            if (c.cue() == Cue.MESSAGE_CONTEXT && c.rule() == rule) {
                return true;
            }
        }
        return false;
    }

    /** Patterns run over each sentence's keys, joined by single spaces with one before and after. */
    private static List<Hit> patternHits(RuleSet rules, NormalizedText text) {
        List<Hit> hits = new ArrayList<>();
        StringBuilder sentence = new StringBuilder();
        int[] wordAt = new int[text.size()];
        int first = 0;
        while (first < text.size()) {
            int s = text.get(first).sentence();
            int end = first;
            sentence.setLength(0);
            sentence.append(' ');
            while (end < text.size() && text.get(end).sentence() == s) {
                wordAt[end] = sentence.length();
                sentence.append(text.get(end).key()).append(' ');
                end++;
            }
            for (int r = 0; r < rules.size(); r++) {
                for (Pattern p : rules.rules().get(r).patterns()) {
                    Matcher matcher = p.matcher(sentence);
                    if (matcher.find()) {
                        int from = wordIndex(wordAt, first, end, matcher.start());
                        int to = Math.max(from + 1, wordIndex(wordAt, first, end, Math.max(matcher.start(), matcher.end() - 1)) + 1);
                        hits.add(new Hit(Cue.RULE, r, from, to));
                    }
                }
            }
            first = end;
        }
        return hits;
    }

    private static int wordIndex(int[] wordAt, int first, int end, int offset) {
        int index = first;
        for (int i = first; i < end && wordAt[i] <= offset + 1; i++) {
            index = i;
        }
        return index;
    }
}
