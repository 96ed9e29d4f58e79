package org.tta.gateway.proxy;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.proxy.aggregate.CompositeHandler;
import org.tta.gateway.proxy.balance.Balancer;
import org.tta.gateway.proxy.cache.CacheInvalidationListener;
import org.tta.gateway.proxy.cache.CacheKeys;
import org.tta.gateway.proxy.cache.ResponseCache;
import org.tta.gateway.proxy.discovery.InstanceRegistry;
import org.tta.gateway.proxy.forward.BackendClient;
import org.tta.gateway.proxy.forward.Breakers;
import org.tta.gateway.proxy.forward.Forwarder;
import org.tta.gateway.proxy.route.RouteTable;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.web.WebProperties;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the synchronous reverse proxy. Redis-backed parts (registrations, cache) only with {@code tta.redis.store=redis}. */
@Configuration(proxyBeanMethods = false)
class ProxyConfig {

    @Bean
    RouteTable proxyRouteTable(ConfigurableEnvironment environment, Validator validator, ProxyProperties properties) {
        return new RouteTable(environment, validator, properties);
    }

    @Bean
    InstanceRegistry proxyInstanceRegistry(ObjectProvider<ReactiveStringRedisTemplate> redis, SharedStateProperties keys,
                                           RouteTable routes, JsonMapper json) {
        return new InstanceRegistry(usesRedis(keys) ? redis.getObject() : null, keys, routes, json, Clock.systemUTC());
    }

    @Bean
    Balancer proxyBalancer() {
        return new Balancer();
    }

    @Bean
    Breakers proxyBreakers(ProxyProperties properties, MeterRegistry meters) {
        return new Breakers(properties.breaker(), meters);
    }

    @Bean
    BackendClient proxyBackendClient() {
        return new BackendClient();
    }

    @Bean
    Forwarder proxyForwarder(InstanceRegistry registry, Balancer balancer, Breakers breakers, BackendClient client,
                             MeterRegistry meters) {
        return new Forwarder(registry, balancer, breakers, client, meters);
    }

    @Bean
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
    ResponseCache proxyResponseCache(ReactiveStringRedisTemplate redis, SharedStateProperties keys, JsonMapper json) {
        return new ResponseCache(redis, new CacheKeys(keys), json);
    }

    @Bean
    CachedCalls proxyCachedCalls(Forwarder forwarder, ObjectProvider<ResponseCache> cache, MeterRegistry meters) {
        return new CachedCalls(forwarder, cache.getIfAvailable(), meters);
    }

    @Bean
    ProxyHandlerMapping proxyHandlerMapping(RouteTable routes, CachedCalls calls, ProblemWriter problems, JsonMapper json,
                                            WebProperties web, ProxyProperties properties, MeterRegistry meters) {
        boolean cacheOn = properties.cache().enabled();
        ProxyHandler proxy = new ProxyHandler(calls, new ResponseRelay(problems), problems, web.maxRequestBytes(), cacheOn, meters);
        return new ProxyHandlerMapping(routes, proxy, new CompositeHandler(routes, calls, problems, json, cacheOn));
    }

    @Bean
    NettyServerCustomizer proxyMalformedRequestGuard() {
        return MalformedRequestGuard.customizer();
    }

    @Bean
    PathGuardFilter proxyPathGuardFilter(ProblemWriter problems) {
        return new PathGuardFilter(problems);
    }

    @Bean
    @ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
    CacheInvalidationListener proxyCacheInvalidationListener(KafkaProperties kafka, TopicCatalog topics, RouteTable routes,
                                                             ResponseCache cache, SharedStateProperties keys,
                                                             ProxyProperties properties, MeterRegistry meters) {
        List<String> names = properties.cache().invalidationTopics().stream().map(id -> topics.name(TopicId.valueOf(id))).toList();
        CacheInvalidationListener listener = new CacheInvalidationListener(kafka.buildConsumerProperties(), names,
                keys.keyPrefix().replace(':', '-'), cache, meters,
                () -> usesRedis(keys) && properties.cache().enabled()
                        && routes.routes().byName().values().stream().anyMatch(r -> r.spec().cache().enabled()));
        routes.onChange(r -> listener.start());
        return listener;
    }

    private static boolean usesRedis(SharedStateProperties keys) {
        return keys.store() == SharedStateProperties.Store.REDIS;
    }
}
