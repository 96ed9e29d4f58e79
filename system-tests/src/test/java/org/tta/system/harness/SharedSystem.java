package org.tta.system.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test the running {@link SystemUnderTest}, started once per test JVM (startup is a minute of two
 * cores' time) and stopped when the whole test plan ends: the soak and the fault run share one system.
 */
public final class SharedSystem implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SystemUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedSystem.class))
                .getOrComputeIfAbsent(SystemUnderTest.class, key -> SystemUnderTest.start(), SystemUnderTest.class);
    }
}
