package org.tta.gateway.config;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). Every API call
 * takes a bearer JWT, and every operation documents the problems any call can meet; controllers
 * add their own successes and specific problems.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final Map<String, String> COMMON_PROBLEMS = Map.of(
            "400", "malformed-request or validation-failed: the request cannot be mapped or breaks its schema",
            "401", "unauthenticated: no token, or an expired, forged, unsigned, wrong-issuer or wrong-audience token",
            "403", "forbidden, not-a-participant or blocked",
            "413", "payload-too-large",
            "429", "rate-limited: see Retry-After and RateLimit headers",
            "503", "broker-unavailable or shared-state-unavailable: nothing was accepted; see Retry-After");

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("TTA gateway API").version("v1")
                        .description("Ingress of the Therapeutic Text Adventure platform. Errors are RFC 9457 "
                                + "application/problem+json with a stable type URI and the request's traceId."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OperationCustomizer commonProblems() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            COMMON_PROBLEMS.forEach((status, description) -> responses.computeIfAbsent(status, s -> problem(description)));
            operation.setResponses(responses);
            return operation;
        };
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new ObjectSchema().$ref("#/components/schemas/Problem"))));
    }

    private static ObjectSchema problemSchema() {
        ObjectSchema schema = new ObjectSchema();
        schema.description("RFC 9457 problem details");
        schema.addProperty("type", new StringSchema().format("uri").example("https://problems.tta.org/validation-failed"));
        schema.addProperty("title", new StringSchema());
        schema.addProperty("status", new IntegerSchema());
        schema.addProperty("detail", new StringSchema());
        schema.addProperty("instance", new StringSchema());
        schema.addProperty("traceId", new StringSchema().pattern("[0-9a-f]{32}"));
        return schema;
    }
}
