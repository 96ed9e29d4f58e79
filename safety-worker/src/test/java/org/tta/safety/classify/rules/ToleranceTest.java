package org.tta.safety.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.safety.classify.text.Keys;

/** Which misspellings a phrase word accepts: slips of fast typing and chat spellings, not other words. */
class ToleranceTest {

    record Pair(String phraseWord, String typed, boolean accepted) {
    }

    static Stream<Pair> typos() {
        return Stream.of(
                new Pair("myself", "myslf", true),
                new Pair("myself", "myslef", true),
                new Pair("suicide", "suicde", true),
                new Pair("overdose", "overdsoe", true),
                new Pair("myself", "myselff", true), // a doubled letter is the same key
                new Pair("overdose", "overdosed", false), // another form: the last letter differs
                new Pair("suicide", "suicida", false),
                new Pair("myself", "yourself", false),
                new Pair("myself", "mysekf", false), // a changed letter: too many real words are one change away
                new Pair("overdosing", "overdoing", true)); // why overdosing is not a typo word in en.yaml
    }

    static Stream<Pair> chatSpellings() {
        return Stream.of(
                new Pair("to", "2", true),
                new Pair("for", "4", true),
                new Pair("you", "u", true),
                new Pair("about", "bout", true),
                new Pair("killing", "killin", true),
                new Pair("thinking", "thinkin", true),
                new Pair("to", "t", true),
                new Pair("want", "wnt", true),
                new Pair("with", "w", true),
                new Pair("tomorrow", "tmrw", true),
                new Pair("tomorrow", "2moro", true),
                new Pair("cant", "cnt", true),
                new Pair("breathe", "brth", true),
                new Pair("breath", "brth", true),
                new Pair("birth", "brth", false), // only the crisis reading is listed
                new Pair("went", "wnt", false), // only the crisis reading is listed
                new Pair("the", "t", false),
                new Pair("to", "4", false),
                new Pair("king", "kin", true),
                new Pair("sing", "in", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typos")
    void aTypoWordAcceptsALeftOutOrSwappedLetterInside(Pair p) {
        String key = Keys.key(p.phraseWord());
        String typed = Keys.key(p.typed());
        assertThat(key.equals(typed) || Tolerance.typo(key, typed)).as("%s typed as %s", p.phraseWord(), p.typed())
                .isEqualTo(p.accepted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chatSpellings")
    void chatSpellingsStandForTheirWord(Pair p) {
        assertThat(Tolerance.chat(Keys.key(p.phraseWord()), Keys.key(p.typed()))).as("%s typed as %s", p.phraseWord(), p.typed())
                .isEqualTo(p.accepted());
    }
}
