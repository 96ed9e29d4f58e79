package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IfMatchTest {

    record Case(String header, boolean allowed) {
        @Override
        public String toString() {
            return header + " -> " + allowed;
        }
    }

    static Stream<Case> againstVersion3() {
        return Stream.of(
                new Case(null, true),
                new Case("\"3\"", true),
                new Case("3", true),
                new Case("*", true),
                new Case("\"1\", \"3\"", true),
                new Case("\"2\"", false),
                new Case("W/\"3\"", false),
                new Case("\"33\"", false),
                new Case("", false),
                new Case("garbage", false));
    }

    @ParameterizedTest
    @MethodSource("againstVersion3")
    void comparesEntityTagsStrongly(Case c) {
        assertThat(IfMatch.allows(c.header(), 3)).isEqualTo(c.allowed());
    }
}
