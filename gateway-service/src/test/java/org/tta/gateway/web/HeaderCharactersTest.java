package org.tta.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The loop gives the verdict of Spring Security's regular expressions for every string. */
class HeaderCharactersTest {

    record Rule(String name, Predicate<String> ours, Predicate<String> spring) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rule> rules() {
        return Stream.of(
                new Rule("names", HeaderCharacters.NAMES, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES),
                new Rule("values", HeaderCharacters.VALUES, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void agreesWithSpringSecurityOnEveryCodePointAlone(Rule rule) {
        List<Integer> disagreements = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(cp -> rule.ours().test(Character.toString(cp)) != rule.spring().test(Character.toString(cp)))
                .boxed().limit(10).toList();
        assertThat(disagreements).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void agreesWithSpringSecurityOnTypicalAndHostileHeaders(Rule rule) {
        List<String> samples = List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwIn0.c2ln", "application/json",
                "a\tb", "a\u0000b", "a\rb", "a\nb", "x\u007F", "\u0085", "caf\u00e9", "\ud83d\ude00 smile",
                "lone \ud800 high", "lone \udc00 low", "\u0378 unassigned", "\u200b zero width", "\ufeff bom",
                "\u2028 line separator", "tab\tin\tvalue");
        for (String sample : samples) {
            assertThat(rule.ours().test(sample)).as("%s", sample.codePoints().boxed().toList())
                    .isEqualTo(rule.spring().test(sample));
        }
    }

    @ParameterizedTest
    @MethodSource("rules")
    void acceptsAnAbsentHeaderAsSpringSecurityDoes(Rule rule) {
        assertThat(rule.ours().test(null)).isEqualTo(rule.spring().test(null)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void agreesWithSpringSecurityOnRandomStrings(Rule rule) {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(1, 12);
            for (int i = 0; i < length; i++) {
                // mostly ASCII and Latin, sometimes anything (controls, surrogates, unassigned)
                text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1) : random.nextInt(0x300));
            }
            String sample = text.toString();
            assertThat(rule.ours().test(sample)).as("%s", sample.codePoints().boxed().toList())
                    .isEqualTo(rule.spring().test(sample));
        }
    }
}
