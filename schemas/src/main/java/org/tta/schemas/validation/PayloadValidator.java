package org.tta.schemas.validation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tta.schemas.json.TtaJson;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates payloads against the TTA JSON Schemas. Thread-safe: the schemas are compiled once,
 * at construction, and each validation uses its own execution context.
 */
public final class PayloadValidator {

    private final JsonMapper mapper;
    private final Map<PayloadSchema, Schema> schemas = new EnumMap<>(PayloadSchema.class);

    private PayloadValidator(JsonMapper mapper) {
        this.mapper = mapper;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                // $id and $ref name https://schemas.tta.org/...; they are read from the classpath, never fetched.
                .schemaLoader(loader -> loader
                        .schemaIdResolvers(ids -> ids.mapPrefix(PayloadSchema.ID_BASE, "classpath:" + PayloadSchema.RESOURCE_DIRECTORY))
                        .fetchRemoteResources(false))
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        // Draft 2020-12 treats format as an annotation unless told to assert it.
                        .formatAssertionsEnabled(true)
                        .errorMessageKeyword("errorMessage")
                        .build()));
        for (PayloadSchema payloadSchema : PayloadSchema.values()) {
            Schema schema = registry.getSchema(SchemaLocation.of(payloadSchema.id().toString()));
            // Resolve every $ref now, so a broken schema fails at start-up and not on a request.
            schema.initializeValidators();
            schemas.put(payloadSchema, schema);
        }
    }

    /** The validator for the standard schemas, built once. */
    public static PayloadValidator standard() {
        return StandardHolder.INSTANCE;
    }

    /** Every way the document breaks the schema; empty when it is valid. */
    public List<Violation> validate(PayloadSchema schema, JsonNode document) {
        Objects.requireNonNull(document, "document");
        return Violations.of(schemas.get(schema).validate(document));
    }

    /**
     * Parses and validates a body.
     *
     * @throws MalformedJsonException when the bytes are not exactly one JSON value (empty, broken, trailing content)
     */
    public List<Violation> validate(PayloadSchema schema, byte[] json) {
        return validate(schema, JsonInput.parse(mapper, json));
    }

    /**
     * Parses, validates and binds a body.
     *
     * @throws MalformedJsonException  when the bytes are not exactly one JSON value
     * @throws PayloadInvalidException when the value breaks the schema or cannot be bound to {@code type}
     */
    public <T> T readValid(PayloadSchema schema, byte[] json, Class<T> type) {
        JsonNode document = JsonInput.parse(mapper, json);
        List<Violation> violations = validate(schema, document);
        if (!violations.isEmpty()) {
            throw new PayloadInvalidException(schema, violations);
        }
        try {
            return mapper.treeToValue(document, type);
        } catch (JacksonException e) {
            // Valid by the schema but not bindable (an RFC 3339 offset beyond +18:00, say): still the client's input.
            throw new PayloadInvalidException(schema,
                    List.of(new Violation(TtaJson.pointerOf(e), "cannot be converted to the type of this field")));
        }
    }

    private static final class StandardHolder {
        private static final PayloadValidator INSTANCE = new PayloadValidator(TtaJson.mapper());
    }
}
