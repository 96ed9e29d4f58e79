package org.tta.gateway.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;

/** A policy file the gateway cannot use must stop it at start-up, with a message that names the fault. */
class ContentPolicyLoaderTest {

    private static final String HEAD = "version: 1\nname: test\nrules:\n";
    private static final String GOOD_RULE = """
              - id: crisis.test
                action: crisis
                category: test
                description: a rule
                phrases: [want to die]
            """;

    record Bad(String name, String yaml, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badFiles() {
        return Stream.of(
                new Bad("empty file", "", "the file is empty"),
                new Bad("not yaml of a policy", "- just\n- a list\n", "not a policy document"),
                new Bad("unknown property", HEAD + GOOD_RULE + "    severity: high\n", "not a policy document"),
                new Bad("wrong version", "version: 2\nname: test\nrules:\n" + GOOD_RULE, "'version' must be 1"),
                new Bad("no name", "version: 1\nrules:\n" + GOOD_RULE, "'name' is missing"),
                new Bad("no rules", "version: 1\nname: test\nrules: []\n", "it has no rules"),
                new Bad("bad id", HEAD + GOOD_RULE.replace("crisis.test", "Crisis Test"), "rule #1 'Crisis Test': 'id'"),
                new Bad("duplicate id", HEAD + GOOD_RULE + GOOD_RULE, "rule #2 'crisis.test': the id is used by an earlier rule"),
                new Bad("unknown action", HEAD + GOOD_RULE.replace("action: crisis", "action: warn"), "'action' must be reject or crisis"),
                new Bad("no description", HEAD + GOOD_RULE.replace("description: a rule", "description: ' '"), "'description' is missing"),
                new Bad("nothing to match", HEAD + GOOD_RULE.replace("phrases: [want to die]", "phrases: []"), "it needs 'phrases' or 'patterns'"),
                new Bad("regex that does not compile", HEAD + GOOD_RULE.replace("phrases: [want to die]", "patterns: ['(unclosed']"),
                        "rule #1 'crisis.test': pattern 1 does not compile"),
                new Bad("regex that matches everything", HEAD + GOOD_RULE.replace("phrases: [want to die]", "patterns: ['x*']"),
                        "pattern 1 matches empty text"),
                new Bad("phrase without letters", HEAD + GOOD_RULE.replace("[want to die]", "['!!!']"), "has no letters or digits"),
                new Bad("filter without patterns", HEAD + GOOD_RULE + "    requires: ['@']\n", "'requires' filters 'patterns'"),
                new Bad("filter not in plain form", HEAD + GOOD_RULE.replace("phrases: [want to die]", "patterns: ['x@y']\n    requires: ['@Y']"),
                        "'requires' entries must be non-empty and in the plain view's form"),
                new Bad("leading wildcard", HEAD + GOOD_RULE.replace("[want to die]", "['* die']"), "a lone '*' must stand between words"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void refusesAPolicyFileItCannotUse(Bad bad) {
        assertThatThrownBy(() -> ContentPolicyLoader.load(resource(bad.yaml()), "test.yaml"))
                .isInstanceOf(InvalidContentPolicyException.class)
                .hasMessageStartingWith("Content policy test.yaml is invalid: ")
                .hasMessageContaining(bad.message());
    }

    @Test
    void refusesToStartWithoutThePolicyFile() {
        assertThatThrownBy(() -> new PolicyPrecheck(new PrecheckProperties("classpath:policy/missing.yaml"),
                new DefaultResourceLoader(), new SimpleMeterRegistry()))
                .isInstanceOf(InvalidContentPolicyException.class)
                .hasMessage("Content policy classpath:policy/missing.yaml is invalid: the file does not exist");
    }

    @Test
    void compilesPhrasesWithWildcardsAndPrefixes() {
        ContentPolicy policy = ContentPolicyLoader.load(resource(HEAD + """
                  - id: test.rule
                    action: reject
                    category: test
                    description: wildcards
                    phrases: ['buy * now', 'spam*']
                """), "test.yaml");

        assertThat(policy.evaluate("buy it now").ruleId()).isEqualTo("test.rule");
        assertThat(policy.evaluate("buy the red car now").ruleId()).isEqualTo("test.rule");
        assertThat(policy.evaluate("buy one two three four now").ruleId()).isNull();
        assertThat(policy.evaluate("so spammy").ruleId()).isEqualTo("test.rule");
        assertThat(policy.evaluate("no more antispam").ruleId()).isNull();
    }

    private static ByteArrayResource resource(String yaml) {
        return new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
