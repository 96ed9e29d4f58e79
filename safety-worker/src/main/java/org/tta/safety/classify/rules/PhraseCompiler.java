package org.tta.safety.classify.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.tta.safety.classify.text.Keys;

/**
 * Compiles the phrases of a rule file: words to keys, {@code word*}, {@code {group}}, lone {@code *}, the other
 * spellings of a phrase ({@link PhraseVariants}), the words that accept typing slips, and the letters of a phrase for
 * words spelled out letter by letter. A problem is an {@link IllegalArgumentException} that {@link RuleSetLoader}
 * reports with the file and the rule. Stateless.
 */
final class PhraseCompiler {

    // A phrase with groups is spelled out in at most this many ways for words spelled letter by letter.
    private static final int MAX_SQUEEZED_SPELLINGS = 64;
    private static final Pattern GROUP_REF = Pattern.compile("\\{([a-z][a-z0-9_-]*)}");

    private PhraseCompiler() {
    }

    /** The phrase compiled in each of its spellings ({@link PhraseVariants}, English only). */
    static List<Phrase> spellings(String text, boolean english, Map<String, Set<String>> groups, Set<String> typos,
                                          Cue cue, int rule) {
        Phrase written = phrase(text, groups, typos, cue, rule);
        if (!english) {
            return List.of(written);
        }
        List<Phrase> all = new ArrayList<>();
        all.add(written);
        for (String variant : PhraseVariants.of(text.replace("'", "").replace("\u2019", ""))) {
            Phrase p = phrase(variant, groups, typos, cue, rule);
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return all;
    }

    /** Compiles a phrase: words through {@link Keys}, {@code word*}, {@code {group}} and lone {@code *}. */
    static Phrase phrase(String text, Map<String, Set<String>> groups, Cue cue, int rule) {
        return phrase(text, groups, Set.of(), cue, rule);
    }

    /** A phrase whose words in {@code typos} also accept typing slips (rule and context phrases). */
    static Phrase phrase(String text, Map<String, Set<String>> groups, Set<String> typos, Cue cue, int rule) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a phrase is blank");
        }
        String[] words = text.trim().toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "").split("\\s+");
        List<Phrase.Element> elements = new ArrayList<>();
        for (String word : words) {
            var groupRef = GROUP_REF.matcher(word);
            if (word.equals("*")) {
                elements.add(new Phrase.Element(Phrase.Element.Kind.GAP, null, null));
            } else if (groupRef.matches()) {
                Set<String> group = groups.get(groupRef.group(1));
                if (group == null) {
                    throw new IllegalArgumentException("phrase '" + text + "' uses the unknown group " + word);
                }
                elements.add(new Phrase.Element(Phrase.Element.Kind.GROUP, null, group, intersection(group, typos)));
            } else if (word.endsWith("*") && word.length() > 1) {
                elements.add(new Phrase.Element(Phrase.Element.Kind.PREFIX, wordKey(word.substring(0, word.length() - 1), text), null));
            } else {
                String key = wordKey(word, text);
                elements.add(new Phrase.Element(Phrase.Element.Kind.EXACT, key, null, typos.contains(key) ? Set.of(key) : Set.of()));
            }
        }
        if (elements.getFirst().kind() == Phrase.Element.Kind.GAP || elements.getLast().kind() == Phrase.Element.Kind.GAP) {
            throw new IllegalArgumentException("phrase '" + text + "': a lone '*' must stand between words");
        }
        return new Phrase(elements, cue, rule, cue == Cue.RULE || cue == Cue.CONTEXT || cue == Cue.MESSAGE_CONTEXT);
    }

    private static Set<String> intersection(Set<String> group, Set<String> typos) {
        Set<String> both = new HashSet<>(group);
        both.retainAll(typos);
        return Set.copyOf(both);
    }

    private static String wordKey(String word, String phrase) {
        if (!word.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("phrase '" + phrase + "': '" + word + "' must be letters or digits only");
        }
        return Keys.key(word);
    }

    /** The phrase's letters without word breaks, for words spelled out letter by letter; null when it has gaps or groups. */
    static List<String> squeezedLetters(Phrase phrase) {
        List<List<String>> spellings = new ArrayList<>();
        spellings.add(List.of());
        for (int i = 0; i < phrase.elements().size(); i++) {
            Phrase.Element e = phrase.elements().get(i);
            boolean trailingPrefix = e.kind() == Phrase.Element.Kind.PREFIX && i == phrase.elements().size() - 1;
            List<String> options = switch (e.kind()) {
                case EXACT -> List.of(e.key());
                case GROUP -> List.copyOf(e.group());
                case PREFIX -> trailingPrefix ? List.of(e.key()) : null;
                case GAP -> null;
            };
            if (options == null || spellings.size() * options.size() > MAX_SQUEEZED_SPELLINGS) {
                return List.of();
            }
            List<List<String>> next = new ArrayList<>();
            for (List<String> start : spellings) {
                for (String option : options) {
                    List<String> longer = new ArrayList<>(start);
                    longer.add(option);
                    next.add(longer);
                }
            }
            spellings = next;
        }
        List<String> letters = new ArrayList<>();
        for (List<String> spelling : spellings) {
            String squeezed = Keys.squeeze(spelling);
            if (squeezed.length() >= 6) {
                letters.add(squeezed);
            }
        }
        return letters;
    }
}
