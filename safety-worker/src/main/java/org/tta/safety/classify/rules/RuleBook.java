package org.tta.safety.classify.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.springframework.core.io.ResourceLoader;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.text.NormalizedText;
import org.tta.safety.classify.text.TextNormalizer;

/**
 * Every loaded rule set (one per language), applied together: a message is normalised once and each set finds its
 * signals in it. Immutable and thread-safe.
 */
public final class RuleBook {

    private final List<RuleSet> sets;
    private final String version;

    public RuleBook(List<RuleSet> sets) {
        this.sets = List.copyOf(sets);
        StringJoiner joined = new StringJoiner("+");
        sets.forEach(s -> joined.add(s.language() + ":" + s.version()));
        this.version = joined.toString();
    }

    /** Loads and validates every file; the first bad one fails with an {@link InvalidRuleFileException}. */
    public static RuleBook load(ResourceLoader resources, List<String> locations) {
        List<RuleSet> sets = new ArrayList<>();
        for (String location : locations) {
            sets.add(RuleSetLoader.load(resources.getResource(location), location));
        }
        return new RuleBook(sets);
    }

    /** The signals of every rule set, in no particular order. */
    public List<Signal> signals(String text) {
        return signals(TextNormalizer.normalize(text));
    }

    /** The signals of every rule set on a message normalised once by the caller. */
    public List<Signal> signals(NormalizedText normalized) {
        if (sets.size() == 1) {
            return RuleEngine.evaluate(sets.getFirst(), normalized);
        }
        List<Signal> all = new ArrayList<>();
        for (RuleSet set : sets) {
            all.addAll(RuleEngine.evaluate(set, normalized));
        }
        return all;
    }

    /** The versions of the sets, as {@code en:2026.11.1+es:2026.11.1}. */
    public String version() {
        return version;
    }

    public List<RuleSet> sets() {
        return sets;
    }
}
