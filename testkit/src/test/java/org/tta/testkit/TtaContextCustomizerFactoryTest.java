package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TtaContextCustomizerFactoryTest {

    static class PlainTest {
    }

    @Test
    void leavesClassesWithoutTheAnnotationAlone() {
        assertThat(new TtaContextCustomizerFactory().createContextCustomizer(PlainTest.class, List.of())).isNull();
    }

    @Test
    void isRegisteredWithSpringTest() throws Exception {
        var factories = org.springframework.core.io.support.SpringFactoriesLoader
                .loadFactories(org.springframework.test.context.ContextCustomizerFactory.class, null);

        assertThat(factories).hasAtLeastOneElementOfType(TtaContextCustomizerFactory.class);
    }
}
