package org.tta.safety.classify.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a rule's phrase word accepts a message word that is not spelled the same: a typo, a number for a word, a
 * dropped final g. Applies to the words of rule and context phrases, not to exceptions or modifier cues (a misread
 * exception or negation must not drop a crisis); typos only to the words a rule file lists under {@code typos} (crisis
 * words without a common word one slip away: "myself" yes, "overdosing" no, since "overdoing" is a slip from it).
 * Keys are compared ({@link org.tta.safety.classify.text.Keys}). Stateless.
 *
 * <ul>
 *   <li>a slip inside a key of at least {@link #MIN_FUZZY_KEY} letters ({@link #slip}: a letter left out or two
 *       neighbours swapped), the first and last letters kept: "myslf" and "myslef" meet "myself", "suicde"
 *       "suicide", "overdsoe" "overdose"; a slip at either end makes another word or form, not a typo ("overdose"
 *       and "overdosed", "suicide" and "suicida");</li>
 *   <li>chat spellings: "2" for "to"/"too", "4" for "for", "u" for "you", "ur" for "your", "bout" and "abt" for
 *       "about"; "t" for "to", "w" for "with", "wnt" for "want", "tmrw" and the like for
 *       "tomorrow", "cnt" for "cant", "brth" for "breathe" ("cn't brth. asthma") (vowels dropped, for these words only: "kll" already meets "kill", whose key is "ki");</li>
 *   <li>a dropped final g: "killin" meets "killing", "thinkin" "thinking".</li>
 * </ul>
 */
final class Tolerance {

    /**
     * The shortest key that accepts a typo: shorter keys have too many real words one edit away ("dying" and "doing",
     * "saving" and "sailing", whose key is "saing").
     */
    static final int MIN_FUZZY_KEY = 6;

    // Message word (key) to the phrase words (as keys: "tomorow") it may stand for. Dropped vowels ("i wnt t kll myslf")
    // are read for these words only: general devowelling would make "wnt" also "went" and "wont", and short runs of
    // consonants are often abbreviations of something else.
    private static final Map<String, List<String>> CHAT = Map.ofEntries(
            Map.entry("2", List.of("to", "too")),
            Map.entry("4", List.of("for")),
            Map.entry("u", List.of("you")),
            Map.entry("ur", List.of("your", "youre")),
            Map.entry("bout", List.of("about")),
            Map.entry("abt", List.of("about")),
            Map.entry("t", List.of("to")),
            Map.entry("wnt", List.of("want")),
            Map.entry("w", List.of("with")),
            Map.entry("tmrw", List.of("tomorow")),
            Map.entry("tmr", List.of("tomorow")),
            Map.entry("tmrow", List.of("tomorow")),
            Map.entry("2moro", List.of("tomorow")),
            Map.entry("2mrw", List.of("tomorow")),
            Map.entry("cnt", List.of("cant")),
            Map.entry("brth", List.of("breathe", "breath")),
            Map.entry("brthe", List.of("breathe")));

    private Tolerance() {
    }

    /** Whether the message word is a chat spelling of the phrase word: "2" for "to", "killin" for "killing". */
    static boolean chat(String key, String word) {
        return chatMeanings(word).contains(key);
    }

    /** The phrase words a message word may stand for in chat: "2" to and too, "killin" killing; mostly none. */
    static List<String> chatMeanings(String word) {
        List<String> chat = CHAT.get(word);
        if (chat != null) {
            return chat;
        }
        return word.endsWith("in") && word.length() > 2 ? List.of(word + "g") : List.of();
    }

    /** Whether the message word is a typing slip of the phrase word ({@link #slip}, first and last letters kept). */
    static boolean typo(String key, String word) {
        return key.length() >= MIN_FUZZY_KEY && word.length() >= MIN_FUZZY_KEY - 1
                && key.charAt(0) == word.charAt(0) && key.charAt(key.length() - 1) == word.charAt(word.length() - 1)
                && slip(key, word);
    }

    /**
     * The phrase words a message word may stand for, to find the phrases that can start at it: its chat meanings,
     * the word with a g added, and the word with each letter dropped (a phrase word one letter longer, or of the same
     * length with two letters swapped, shares one of these with the word; see {@link #deletions}), these only when
     * {@code withSlips} (the word could be a slip of a typo word that starts a phrase).
     */
    static List<String> lookupKeys(String word, boolean withSlips) {
        List<String> chat = chatMeanings(word);
        if (!withSlips) {
            return chat;
        }
        List<String> keys = new ArrayList<>(chat);
        keys.add(word);
        keys.addAll(deletions(word));
        return keys;
    }

    /** The key with one letter dropped, for each letter. */
    static List<String> deletions(String key) {
        List<String> out = new ArrayList<>(key.length());
        for (int i = 0; i < key.length(); i++) {
            out.add(key.substring(0, i) + key.substring(i + 1));
        }
        return out;
    }

    /**
     * {@code word} is {@code key} with one letter left out, or with two neighbouring letters swapped: the slips of
     * fast typing ("myslf", "myslef"). A changed or added letter is not accepted: too many real words are one such
     * edit from a rule word ("having" and "hating", "poison" and "prison", "coming" and "cooking").
     */
    static boolean slip(String key, String word) {
        int lk = key.length();
        int lw = word.length();
        if (lw != lk && lw != lk - 1) {
            return false;
        }
        int i = 0;
        while (i < lw && key.charAt(i) == word.charAt(i)) {
            i++;
        }
        if (lw == lk - 1) {
            return key.regionMatches(i + 1, word, i, lw - i); // key[i] left out
        }
        if (i < lk - 1) {
            return key.charAt(i) == word.charAt(i + 1) && key.charAt(i + 1) == word.charAt(i)
                    && key.regionMatches(i + 2, word, i + 2, lk - i - 2);
        }
        return false; // the same word
    }
}
