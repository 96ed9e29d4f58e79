package org.tta.testkit;

import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the properties ahead of every other source. Being a record, it is equal exactly when namespace and
 * properties are, which is what Spring's context cache keys on: one context per namespace, so per test class.
 */
record TtaContextCustomizer(TestNamespace namespace, Map<String, Object> properties) implements ContextCustomizer {

    static final String PROPERTY_SOURCE = "ttaTestkit";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        context.getBeanFactory().registerSingleton("ttaTestNamespace", namespace);
        context.getBeanFactory().registerSingleton("ttaTestInfrastructure", TestInfrastructure.get());
    }
}
