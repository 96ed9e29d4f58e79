package org.tta.safety.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.tta.safety.classify.linear.InvalidModelFileException;
import org.tta.safety.classify.rules.InvalidRuleFileException;

/** The classifier's Spring wiring: rule files are validated when the context starts, and so are the model settings. */
class ClassifierStartupTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ClassifierConfiguration.class);

    @Test
    void startsWithTheShippedRulesAndNoModel() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            Classification result = ctx.getBean(Classifier.class).classify(Fixtures.aMessage("I want to kill myself"));
            assertThat(result.tier()).isEqualTo(Tier.HIGH);
            assertThat(result.model()).isEqualTo(ModelStatus.DISABLED);
            assertThat(result.rulesVersion()).isEqualTo("en:2026.12.5+es:2026.12.5");
        });
    }

    /** In no evaluation file: rules en/es 2026.12.5 say none, the shipped weights high (pick another when either learns it). */
    private static final String UNSEEN = "parked on the top level of the garage on 5th, i looked over the edge and it's high enough";

    @Test
    void theRulesDecideAloneWhenTheStatisticalSignalIsTurnedOff() {
        context.withPropertyValues("tta.safety.linear.enabled=false")
                .run(ctx -> assertThat(ctx.getBean(Classifier.class).classify(Fixtures.aMessage(UNSEEN)).tier())
                        .isEqualTo(Tier.NONE));
    }

    @Test
    void loadsTheShippedWeightsByDefaultAndItsSignalSaysItDecided() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            Classification result = ctx.getBean(Classifier.class).classify(Fixtures.aMessage(UNSEEN));
            assertThat(result.tier()).isEqualTo(Tier.HIGH);
            assertThat(result.signals().getFirst().ruleId()).startsWith("stat:linear-");
        });
    }

    @Test
    void failsToStartWhenTheEnabledStatisticalSignalHasNoWeightsNamingTheFile() {
        context.withPropertyValues("tta.safety.linear.enabled=true", "tta.safety.linear.location=classpath:model/none.bin")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(InvalidModelFileException.class)
                            .hasMessage("Statistical signal weights classpath:model/none.bin are invalid: not found");
                });
    }

    @Test
    void failsToStartOnABadRuleFileNamingFileRuleAndProblem() {
        context.withPropertyValues("tta.safety.rules.locations=classpath:rules/en.yaml,classpath:bad-rules/duplicate-id.yaml")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidRuleFileException.class)
                            .hasMessage("Safety rule file classpath:bad-rules/duplicate-id.yaml is invalid: "
                                    + "rule #2 'si.want-to-die': the id is used by an earlier rule");
                });
    }

    @Test
    void failsToStartWhenTheModelIsEnabledWithoutAUrl() {
        context.withPropertyValues("tta.safety.model.enabled=true")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                            .hasMessageContaining("tta.safety.model.url must be an http(s) URL");
                });
    }
}
