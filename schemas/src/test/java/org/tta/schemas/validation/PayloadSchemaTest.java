package org.tta.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.ConsentChange;
import org.tta.schemas.payload.MessageSubmission;
import org.tta.schemas.payload.ParticipantsReplacement;
import org.tta.schemas.payload.EscalationCommand;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SessionCreation;
import org.tta.schemas.payload.SessionMessage;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PayloadSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(PayloadSchema.class)
    void schemaFileIsAClosedDraft202012SchemaWithItsOwnId(PayloadSchema schema) throws IOException {
        JsonNode node = read(schema);

        assertThat(node.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(node.get("$id").asString()).isEqualTo(schema.id().toString());
        assertThat(schema.id().toString()).isEqualTo("https://schemas.tta.org/" + schema.resourcePath());
        assertThat(node.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(node.get("required").isArray()).isTrue();
    }

    record Binding(PayloadSchema schema, Class<? extends Record> type, List<String> nullable) {
    }

    static Stream<Binding> bindings() {
        return Stream.of(
                new Binding(PayloadSchema.MESSAGE_SUBMISSION, MessageSubmission.class, List.of()),
                new Binding(PayloadSchema.SESSION_MESSAGE, SessionMessage.class, List.of()),
                new Binding(PayloadSchema.SAFETY_SCAN_REQUEST, SafetyScanRequest.class, List.of("precheckRule")),
                new Binding(PayloadSchema.AUDIT_RECORD, AuditRecord.class, List.of("actorRole", "clientIp", "traceId", "content")),
                new Binding(PayloadSchema.SAFETY_ESCALATION, SafetyEscalation.class, List.of("deadline", "actor", "route", "previousRoute")),
                new Binding(PayloadSchema.SAFETY_VERDICT, SafetyVerdict.class, List.of("escalationId", "route")),
                new Binding(PayloadSchema.ESCALATION_COMMAND, EscalationCommand.class, List.of("note")),
                new Binding(PayloadSchema.SESSION_CREATION, SessionCreation.class, List.of("title")),
                new Binding(PayloadSchema.PARTICIPANTS_REPLACEMENT, ParticipantsReplacement.class, List.of()),
                new Binding(PayloadSchema.CONSENT_CHANGE, ConsentChange.class, List.of()));
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void recordComponentsMatchTheSchemaProperties(Binding binding) throws IOException {
        JsonNode node = read(binding.schema());
        List<String> components = Arrays.stream(binding.type().getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> properties = new ArrayList<>(node.get("properties").propertyNames());
        List<String> required = node.get("required").valueStream().map(JsonNode::asString).toList();

        assertThat(properties).containsExactlyInAnyOrderElementsOf(components);
        List<String> optional = new ArrayList<>(components);
        optional.removeAll(required);
        assertThat(optional).containsExactlyInAnyOrderElementsOf(binding.nullable());
    }

    private static JsonNode read(PayloadSchema schema) throws IOException {
        try (InputStream in = PayloadSchemaTest.class.getClassLoader().getResourceAsStream(schema.resourcePath())) {
            assertThat(in).as(schema.resourcePath()).isNotNull();
            return JSON.readTree(in);
        }
    }
}
