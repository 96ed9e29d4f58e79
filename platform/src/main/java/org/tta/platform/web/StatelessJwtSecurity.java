package org.tta.platform.web;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.tta.platform.security.ClaimAuthoritiesConverter;

/**
 * The part every reactive service's security chain shares: stateless (no CSRF, basic, form login,
 * logout or request cache), bearer JWTs mapped through {@link ClaimAuthoritiesConverter}, and the
 * given 401/403 answers for token and access failures alike. Callers add their own authorization.
 */
public final class StatelessJwtSecurity {

    private StatelessJwtSecurity() {
    }

    public static ServerHttpSecurity apply(ServerHttpSecurity http, ClaimAuthoritiesConverter authorities,
                                           ServerAuthenticationEntryPoint unauthenticated,
                                           ServerAccessDeniedHandler forbidden) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
    }
}
