package org.tta.gateway.identity;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Wraps the JWT decoder Spring Boot builds (issuer, audience, JWKS, validators unchanged) in
 * {@link CachingJwtDecoder}. {@code tta.gateway.jwt-cache.max-tokens} bounds it; {@code tta.gateway.jwt-cache.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
class JwtCacheConfig {

    @Bean
    @ConditionalOnProperty(name = "tta.gateway.jwt-cache.enabled", havingValue = "true", matchIfMissing = true)
    static BeanPostProcessor cachingJwtDecoderPostProcessor(
            org.springframework.core.env.Environment environment) {
        long maxTokens = environment.getProperty("tta.gateway.jwt-cache.max-tokens", Long.class, 100_000L);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(decoder, maxTokens, Clock.systemUTC());
                }
                return bean;
            }
        };
    }
}
