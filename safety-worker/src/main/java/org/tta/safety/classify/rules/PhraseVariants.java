package org.tta.safety.classify.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ways people type a rule phrase: a phrase written "want to end it all" also matches "wanna end it all", "the
 * rope is ready" also "the rope's ready", "i am overdosing" also "im overdosing", "dont want to live" also "do not
 * want to live". Applied when a rule file loads, to rule, context and exception phrases (English contractions and
 * chat forms; Spanish has none of these). Stateless.
 */
final class PhraseVariants {

    /** A phrase yields at most this many spellings (itself included). */
    static final int MAX_VARIANTS = 8;

    private record Swap(List<String> from, List<String> to) {
        static Swap of(String from, String to) {
            return new Swap(List.of(from.split(" ")), List.of(to.split(" ")));
        }
    }

    private static final List<Swap> SWAPS = List.of(
            Swap.of("want to", "wanna"), Swap.of("wanna", "want to"),
            Swap.of("going to", "gonna"), Swap.of("gonna", "going to"),
            Swap.of("got to", "gotta"), Swap.of("kind of", "kinda"),
            Swap.of("i am", "im"), Swap.of("im", "i am"),
            Swap.of("i will", "ill"), Swap.of("i have", "ive"), Swap.of("ive", "i have"),
            Swap.of("you will", "youll"), Swap.of("youll", "you will"),
            Swap.of("will not", "wont"), Swap.of("wont", "will not"),
            Swap.of("do not", "dont"), Swap.of("dont", "do not"),
            Swap.of("cannot", "cant"), Swap.of("cant", "cannot"), Swap.of("can not", "cant"),
            Swap.of("is not", "isnt"), Swap.of("isnt", "is not"),
            Swap.of("it is", "its"), Swap.of("that is", "thats"), Swap.of("he is", "hes"), Swap.of("she is", "shes"),
            Swap.of("they are", "theyre"), Swap.of("there is", "theres"));

    private PhraseVariants() {
    }

    /** The phrase and its other spellings, the phrase first; "x is" also becomes "xs" ("tonights the night"). */
    static List<String> of(String phrase) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(phrase);
        List<String> pending = new ArrayList<>(variants);
        while (!pending.isEmpty() && variants.size() < MAX_VARIANTS) {
            String next = pending.removeFirst();
            List<String> words = List.of(next.trim().toLowerCase(Locale.ROOT).split("\\s+"));
            List<List<String>> spellings = new ArrayList<>();
            for (Swap swap : SWAPS) {
                spellings.add(replace(words, swap));
            }
            spellings.add(possessiveIs(words));
            for (List<String> spelling : spellings) {
                if (spelling != null && variants.size() < MAX_VARIANTS && variants.add(String.join(" ", spelling))) {
                    pending.add(String.join(" ", spelling));
                }
            }
        }
        return List.copyOf(variants);
    }

    private static List<String> replace(List<String> words, Swap swap) {
        int n = swap.from().size();
        for (int i = 0; i + n <= words.size(); i++) {
            if (words.subList(i, i + n).equals(swap.from())) {
                List<String> out = new ArrayList<>(words.subList(0, i));
                out.addAll(swap.to());
                out.addAll(words.subList(i + n, words.size()));
                return out;
            }
        }
        return null;
    }

    /** "rope is ready" also as "ropes ready" (the apostrophe of "rope's" is dropped in messages). */
    private static List<String> possessiveIs(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String before = words.get(i - 1);
            if (words.get(i).equals("is") && before.chars().allMatch(Character::isLetter) && !before.endsWith("s")
                    && before.length() > 2) {
                List<String> out = new ArrayList<>(words.subList(0, i - 1));
                out.add(before + "s");
                out.addAll(words.subList(i + 1, words.size()));
                return out;
            }
        }
        return null;
    }
}
