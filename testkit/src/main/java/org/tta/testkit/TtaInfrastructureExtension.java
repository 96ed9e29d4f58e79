package org.tta.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the {@link TestInfrastructure} and hands tests it and their class's {@link TestNamespace}. */
public final class TtaInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(TtaInfrastructureExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(STORE).put(TestNamespace.class, namespace(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestInfrastructure.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == TestInfrastructure.class) {
            return TestInfrastructure.get();
        }
        TestNamespace stored = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
        // Absent when a per-class test instance is constructed before beforeAll runs.
        return stored != null ? stored : namespace(context);
    }

    private static TestNamespace namespace(ExtensionContext context) {
        return TestInfrastructure.get().namespaceFor(context.getRequiredTestClass());
    }
}
