package org.tta.platform.web;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.tta.platform.problem.ProblemTypes;
import org.tta.platform.security.ClaimAuthoritiesConverter;
import reactor.core.publisher.Mono;

/**
 * Default security of a reactive worker service: health, info and metrics are open for probes and
 * scrapers, everything else needs a valid bearer JWT; failures are problem+json. A service with
 * its own {@link SecurityWebFilterChain} replaces this one.
 */
@AutoConfiguration(afterName = "org.tta.platform.security.SecurityPropertiesAutoConfiguration", beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
public class WorkerSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain workerSecurity(ServerHttpSecurity http, ClaimAuthoritiesConverter authorities) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHENTICATED.toString(), "A valid bearer token is required");
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN.toString(), "The token does not allow this request");
        return StatelessJwtSecurity.apply(http, authorities, unauthenticated, forbidden)
                .authorizeExchange(ex -> ex
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .anyExchange().authenticated())
                .build();
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
                + exchange.getRequest().getPath().value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
