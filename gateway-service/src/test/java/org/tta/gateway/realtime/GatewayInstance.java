package org.tta.gateway.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.tta.gateway.GatewayApplication;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;

/** Test fixture: one more gateway instance on a random port, sharing the test class's Kafka, Redis and namespace. */
final class GatewayInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static GatewayInstance start(Class<?> testClass, Map<String, Object> overrides) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        TestNamespace namespace = infrastructure.namespaceFor(testClass);
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure.springProperties(namespace));
        properties.putAll(overrides);
        properties.put("server.port", "0");
        properties.put("spring.config.name", "gateway");
        // as command-line arguments: they must win over gateway.yml, as the test kit's do in @SpringBootTest
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new GatewayInstance(new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class).run(args));
    }

    /**
     * Each instance gets event loops of its own: with Reactor Netty's global resources, stopping one
     * instance (the restart test) would dispose the loops the other instance serves on.
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
