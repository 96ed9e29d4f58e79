package org.tta.testkit;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Gives every Spring test context of a {@link TtaIntegrationTest} class the infrastructure's properties. */
final class TtaContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        // Also finds the annotation on superclasses, meta-annotations and enclosing classes of @Nested tests.
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, TtaIntegrationTest.class)) {
            return null;
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        TestNamespace namespace = infrastructure.namespaceFor(testClass);
        return new TtaContextCustomizer(namespace, infrastructure.springProperties(namespace));
    }
}
