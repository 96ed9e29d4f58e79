package org.tta.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.schemas.validation.PayloadSchema;

class EventTypesTest {

    private static final String TYPE_PATTERN = "org\\.tta\\.[a-z][a-z0-9]*\\.[a-z][a-z0-9_]*\\.v[1-9][0-9]*";

    /** Every public String constant of EventTypes, found by reflection so that a new one cannot be missed. */
    static List<String> declaredTypes() {
        return Arrays.stream(EventTypes.class.getDeclaredFields())
                .filter(field -> Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers()))
                .filter(field -> field.getType() == String.class)
                .map(EventTypesTest::valueOf)
                .toList();
    }

    @ParameterizedTest
    @MethodSource("declaredTypes")
    void everyTypeFollowsTheNamingPattern(String type) {
        assertThat(type).matches(TYPE_PATTERN);
    }

    @ParameterizedTest
    @MethodSource("declaredTypes")
    void everyTypeHasAPayloadSchema(String type) {
        assertThat(EventTypes.schemaOf(type)).isPresent();
    }

    @Test
    void allListsExactlyTheDeclaredTypes() {
        assertThat(EventTypes.all()).containsExactlyInAnyOrderElementsOf(declaredTypes());
    }

    record Mapping(String type, PayloadSchema schema) {
    }

    static Stream<Mapping> mappings() {
        return Stream.of(
                new Mapping(EventTypes.SESSION_MESSAGE, PayloadSchema.SESSION_MESSAGE),
                new Mapping(EventTypes.SAFETY_SCAN, PayloadSchema.SAFETY_SCAN_REQUEST),
                new Mapping(EventTypes.SAFETY_ESCALATION, PayloadSchema.SAFETY_ESCALATION),
                new Mapping(EventTypes.AUDIT_RECORD, PayloadSchema.AUDIT_RECORD),
                new Mapping(EventTypes.SAFETY_VERDICT, PayloadSchema.SAFETY_VERDICT),
                new Mapping(EventTypes.SAFETY_ESCALATION_COMMAND, PayloadSchema.ESCALATION_COMMAND),
                new Mapping(EventTypes.AUDIT_CHECKPOINT, PayloadSchema.AUDIT_CHECKPOINT));
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void mapsEachTypeToItsDataSchema(Mapping mapping) {
        assertThat(EventTypes.schemaOf(mapping.type())).contains(mapping.schema());
    }

    @Test
    void knowsNoSchemaForUnknownTypes() {
        assertThat(EventTypes.schemaOf("org.tta.unknown.thing.v1")).isEmpty();
        assertThat(EventTypes.schemaOf(null)).isEmpty();
    }

    private static String valueOf(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
