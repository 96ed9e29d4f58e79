package org.tta.audit.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.tta.audit.review.access.DeniedAccessLog;
import org.tta.audit.web.ProblemResponses;
import org.tta.platform.problem.ProblemTypes;
import org.tta.platform.security.ClaimAuthoritiesConverter;
import org.tta.platform.security.Roles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-JWT security: probes and the metrics scrape are open, the audit trail is for
 * clinical reviewers and operators, anything else needs a valid token. Failures are problem+json
 * with the RFC 6750 {@code WWW-Authenticate} header.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Path of the audit trail API; the controller maps below it. */
    static final String AUDIT_API = "/api/v1/audit/**";
    /** The reviewer page's static files. */
    static final String REVIEW_PAGE = "/review/**";
    /** Scripts, styles and API calls from this origin only; no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    SecurityFilterChain auditSinkSecurity(HttpSecurity http, ClaimAuthoritiesConverter authorities, JsonMapper json,
            DeniedAccessLog deniedAccess) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint unauthenticated = unauthenticated(problems);
        AccessDeniedHandler forbidden = forbidden(problems, deniedAccess);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error").permitAll()
                        // The reviewer page is static and holds no data; its API calls carry the token.
                        .requestMatchers(REVIEW_PAGE, "/review").permitAll()
                        .requestMatchers(AUDIT_API).hasAnyRole(Roles.CLINICAL_REVIEWER, Roles.OPS)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    private static AuthenticationEntryPoint unauthenticated(ProblemResponses problems) {
        // The bearer entry point sets 401 and WWW-Authenticate (with error="invalid_token" for a bad token).
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            bearer.commence(request, response, e);
            problems.write(response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                    "A valid bearer token is required");
        };
    }

    private static AccessDeniedHandler forbidden(ProblemResponses problems, DeniedAccessLog deniedAccess) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, e) -> {
            bearer.handle(request, response, e);
            // A caller with a valid token but not the role: a forbidden access attempt, on record.
            deniedAccess.denied(request, SecurityContextHolder.getContext().getAuthentication());
            problems.write(response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                    "The token does not allow this request");
        };
    }
}
