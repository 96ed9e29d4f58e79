package org.tta.gateway.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.tta.gateway.audit.SecurityAudit;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.ratelimit.AuthFailureRecorder;
import org.tta.gateway.web.HeaderCharacters;
import org.tta.platform.problem.ProblemTypes;
import org.tta.platform.security.ClaimAuthoritiesConverter;
import org.tta.platform.security.Roles;
import org.tta.platform.web.StatelessJwtSecurity;
import reactor.core.publisher.Mono;

/**
 * Every API call needs a valid bearer JWT (issuer, audience, signature, expiry checked by the
 * decoder Spring Boot builds from {@code spring.security.oauth2.resourceserver.jwt.*}). Failures are
 * answered as problem+json. Stateless: no cookies, no CSRF tokens, no request cache.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    /** The scope a backend's client-credentials token needs to register its instances with the proxy. */
    static final String INSTANCES_REGISTER = "instances:register";

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ClaimAuthoritiesConverter authorities,
                                       ProblemWriter problems, ObjectProvider<AuthFailureRecorder> authFailures,
                                       ObjectProvider<SecurityAudit> audit) {
        ServerAuthenticationEntryPoint unauthenticated = unauthenticated(problems,
                authFailures.getIfAvailable(() -> AuthFailureRecorder.NONE), audit.getIfAvailable());
        ServerAccessDeniedHandler forbidden = forbidden(problems);
        return StatelessJwtSecurity.apply(http, authorities, unauthenticated, forbidden)
                .authorizeExchange(exchanges -> exchanges
                        // First because it is by far the most frequent request (each matcher it passes costs a few
                        // Reactor operators per request); no other rule matches a POST to this path, so order is moot.
                        .pathMatchers(HttpMethod.POST, "/api/v1/sessions/*/messages")
                        .hasAnyRole(Roles.PATIENT, Roles.THERAPIST)
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/webjars/**").permitAll()
                        // the ops page is static; its data comes from /api/v1/ops/** with an ops token
                        .pathMatchers(HttpMethod.GET, "/ops/**").permitAll()
                        // backends register themselves with a scope of their own; everything else under ops is role ops
                        .pathMatchers("/api/v1/ops/instances/**")
                        .hasAnyAuthority("ROLE_" + Roles.OPS, "SCOPE_" + INSTANCES_REGISTER)
                        .pathMatchers("/api/v1/ops/**").hasRole(Roles.OPS)
                        // the WebSocket and SSE admissions check a single-use ticket or the bearer token themselves
                        .pathMatchers(HttpMethod.GET, "/ws/v1/sessions/*", "/api/v1/sessions/*/stream", "/chat.html", "/chat.js").permitAll()
                        // consent is a participant's own: human participant roles only (membership in ConsentService)
                        .pathMatchers(HttpMethod.PUT, "/api/v1/sessions/*/consent")
                        .hasAnyRole(Roles.PATIENT, Roles.THERAPIST)
                        .pathMatchers(HttpMethod.POST, "/api/v1/sessions")
                        .hasAnyAuthority("ROLE_" + Roles.THERAPIST, "SCOPE_" + Roles.SCOPE_SESSIONS_WRITE)
                        .pathMatchers(HttpMethod.PUT, "/api/v1/sessions/*/participants")
                        .hasAnyAuthority("ROLE_" + Roles.THERAPIST, "SCOPE_" + Roles.SCOPE_SESSIONS_WRITE)
                        .pathMatchers(HttpMethod.POST, "/api/v1/events")
                        .hasAuthority("SCOPE_" + Roles.SCOPE_EVENTS_PUBLISH)
                        .pathMatchers("/api/v1/subscriptions", "/api/v1/subscriptions/**")
                        .hasAuthority("SCOPE_" + Roles.SCOPE_EVENTS_SUBSCRIBE)
                        .anyExchange().authenticated())
                .build();
    }

    /**
     * Spring Security's strict firewall with its defaults, except that header names and values are checked by a loop
     * over the code points rather than its regular expressions: the same verdicts ({@link HeaderCharacters}), at a
     * fraction of the cost of checking every header the request's handling reads.
     */
    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters.NAMES);
        firewall.setAllowedHeaderValues(HeaderCharacters.VALUES);
        return firewall;
    }

    private static ServerAuthenticationEntryPoint unauthenticated(ProblemWriter problems, AuthFailureRecorder authFailures,
                                                                  SecurityAudit audit) {
        Problem problem = Problem.of(ProblemTypes.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        return (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            // Repeated failures from one address put it on the rate limiter's block list; each one is audited.
            Mono<Void> recorded = audit == null ? Mono.empty() : audit.authenticationFailed(
                    ClientAddress.of(exchange), exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value());
            return authFailures.authenticationFailed(exchange).then(recorded)
                    .then(Mono.defer(() -> problems.write(exchange, problem, null)));
        };
    }

    private static ServerAccessDeniedHandler forbidden(ProblemWriter problems) {
        Problem problem = Problem.of(ProblemTypes.FORBIDDEN, HttpStatus.FORBIDDEN, "The token does not allow this request");
        return (exchange, e) -> problems.write(exchange, problem, null);
    }
}
