package org.tta.schemas.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tta.schemas.json.TtaJson;

class FiltersTest {

    record Case(String filter, boolean matches) {
    }

    static CloudEvent anEvent() {
        return CloudEventBuilder.v1().withId("e-1").withType("org.tta.session.message.v1")
                .withSource(URI.create("urn:tta:gateway")).withSubject("s-42").withTime(OffsetDateTime.now())
                .withExtension("tenant", "acme").build();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("{\"exact\":{\"type\":\"org.tta.session.message.v1\"}}", true),
                new Case("{\"exact\":{\"type\":\"org.tta.session.message.v2\"}}", false),
                new Case("{\"exact\":{\"type\":\"org.tta.session.message.v1\",\"subject\":\"s-41\"}}", false),
                new Case("{\"exact\":{\"tenant\":\"acme\"}}", true),
                new Case("{\"exact\":{\"missing\":\"x\"}}", false),
                new Case("{\"prefix\":{\"type\":\"org.tta.session.\"}}", true),
                new Case("{\"prefix\":{\"type\":\"org.tta.safety.\"}}", false),
                new Case("{\"suffix\":{\"type\":\".v1\"}}", true),
                new Case("{\"suffix\":{\"source\":\"worker\"}}", false),
                new Case("{\"all\":[{\"prefix\":{\"type\":\"org.tta.\"}},{\"exact\":{\"subject\":\"s-42\"}}]}", true),
                new Case("{\"all\":[{\"prefix\":{\"type\":\"org.tta.\"}},{\"exact\":{\"subject\":\"s-1\"}}]}", false),
                new Case("{\"any\":[{\"exact\":{\"subject\":\"s-1\"}},{\"exact\":{\"subject\":\"s-42\"}}]}", true),
                new Case("{\"any\":[{\"exact\":{\"subject\":\"s-1\"}},{\"exact\":{\"subject\":\"s-2\"}}]}", false),
                new Case("{\"not\":{\"exact\":{\"subject\":\"s-1\"}}}", true),
                new Case("{\"not\":{\"prefix\":{\"type\":\"org.tta.\"}}}", false),
                new Case("{\"not\":{\"not\":{\"suffix\":{\"id\":\"-1\"}}}}", true),
                new Case("{\"sql\":\"type = 'org.tta.session.message.v1' AND subject = 's-42'\"}", true),
                new Case("{\"sql\":\"type LIKE 'org.tta.session.%' AND tenant IN ('acme', 'globex')\"}", true),
                new Case("{\"sql\":\"tenant = 'globex'\"}", false),
                new Case("{\"sql\":\"EXISTS tenant AND NOT EXISTS region\"}", true),
                new Case("{\"sql\":\"UPPER(tenant) = 'ACME'\"}", true),
                // Evaluation errors never match: a missing attribute, a failed cast, a non-boolean result.
                new Case("{\"sql\":\"region = 'eu'\"}", false),
                new Case("{\"sql\":\"INT(subject) = 42\"}", false),
                new Case("{\"sql\":\"subject\"}", false),
                new Case("{\"all\":[{\"sql\":\"subject = 's-42'\"},{\"prefix\":{\"type\":\"org.tta.\"}}]}", true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesEventsAsTheDialectSays(Case c) {
        Filter filter = Filters.compile(TtaJson.mapper().readTree(c.filter()));

        assertThat(filter.matches(anEvent())).isEqualTo(c.matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sql\":\"type = \"}",
            "{\"sql\":\"type == 'x' AND\"}",
            "{\"sql\":\"subject IN ()\"}",
            "{\"sql\":\"\"}",
            "{\"sql\":42}",
            "{\"regex\":{\"type\":\".*\"}}",
            "{\"exact\":{\"type\":1}}",
            "{\"exact\":{}}",
            "{\"all\":[]}",
            "{\"exact\":{\"type\":\"a\"},\"prefix\":{\"type\":\"b\"}}",
            "{\"not\":[{\"exact\":{\"type\":\"a\"}}]}"})
    void rejectsUnsupportedDialectsAndMalformedExpressions(String filter) {
        assertThatThrownBy(() -> Filters.compile(TtaJson.mapper().readTree(filter)))
                .isInstanceOf(UnsupportedFilterException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"exact\":{\"subject\":\"s-42\"}},{\"prefix\":{\"type\":\"org.\"}}]"})
    void topLevelFiltersAllHaveToMatch(String filters) {
        assertThat(Filters.compileAll(TtaJson.mapper().readTree(filters)).matches(anEvent())).isTrue();
        assertThat(Filters.compileAll(TtaJson.mapper().readTree(
                "[{\"exact\":{\"subject\":\"s-42\"}},{\"prefix\":{\"type\":\"com.\"}}]")).matches(anEvent())).isFalse();
    }
}
