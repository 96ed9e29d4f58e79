package org.tta.safety.config;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.tta.platform.problem.ProblemTypes;
import org.tta.platform.security.ClaimAuthoritiesConverter;
import org.tta.platform.security.Roles;
import org.tta.platform.web.StatelessJwtSecurity;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The worker's security: probes and metrics open; the escalation API by role (acknowledge and resolve for
 * therapists and clinical reviewers, reads also for ops); anything else needs a valid token. Failures are
 * problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String ESCALATIONS = "/api/v1/escalations";

    @Bean
    SecurityWebFilterChain safetySecurity(ServerHttpSecurity http, ClaimAuthoritiesConverter authorities) {
        return StatelessJwtSecurity.apply(http, authorities,
                        (exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required"),
                        (exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "The token does not allow this request"))
                .authorizeExchange(ex -> ex
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, ESCALATIONS + "/*/acknowledge", ESCALATIONS + "/*/resolve")
                        .hasAnyRole(Roles.THERAPIST, Roles.CLINICAL_REVIEWER)
                        .pathMatchers(HttpMethod.GET, ESCALATIONS, ESCALATIONS + "/*")
                        .hasAnyRole(Roles.THERAPIST, Roles.CLINICAL_REVIEWER, Roles.OPS)
                        .pathMatchers(ESCALATIONS, ESCALATIONS + "/**").denyAll()
                        .anyExchange().authenticated())
                .build();
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        String type = (status == HttpStatus.UNAUTHORIZED ? ProblemTypes.UNAUTHENTICATED : ProblemTypes.FORBIDDEN).toString();
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
                + exchange.getRequest().getPath().value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
