package org.tta.gateway.web;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS from configuration, answered before Spring Security so that preflight requests (which
 * carry no token) get their answer. No origin is allowed unless configured.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    CorsWebFilter corsWebFilter(WebProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.corsAllowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID",
                    "If-Match", "traceparent"));
            cors.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit", "RateLimit-Policy", "ETag",
                    "traceresponse"));
            cors.setAllowCredentials(false);
            cors.setMaxAge(properties.corsMaxAge());
            source.registerCorsConfiguration("/api/**", cors);
        }
        return new CorsWebFilter(source);
    }
}
