package org.tta.safety.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.Tier;
import org.tta.safety.classify.text.TextNormalizer;

class RuleSetLoaderTest {

    private static final String HEADER = """
            version: 2026.11.1
            language: en
            groups:
              self: [myself, herself]
            lexicon:
              negation: [not, never]
              hypothetical: [in the movie]
              firstPerson: [i, me]
              thirdPerson: [she, my friend]
              past: [used to]
            rules:
            """;

    record BadFile(String name, String rules, String problem) {
    }

    static Stream<BadFile> badFiles() {
        return Stream.of(
                new BadFile("unknown category", rule("si.one", "suicidal", "high", "0.5", "[want to die]"),
                        "rule #1 'si.one': 'category' is 'suicidal', expected one of"),
                new BadFile("tier none", rule("si.one", "suicidal_ideation", "none", "0.5", "[want to die]"),
                        "rule #1 'si.one': 'tier' cannot be none"),
                new BadFile("weight above one", rule("si.one", "suicidal_ideation", "high", "1.5", "[want to die]"),
                        "rule #1 'si.one': 'weight' must be a number above 0 and at most 1"),
                new BadFile("duplicate id", rule("si.one", "suicidal_ideation", "high", "0.5", "[want to die]")
                        + rule("si.one", "self_harm", "moderate", "0.5", "[cut myself]"),
                        "rule #2 'si.one': the id is used by an earlier rule"),
                new BadFile("unknown group", rule("si.one", "suicidal_ideation", "high", "0.5", "['kill {selves}']"),
                        "rule #1 'si.one': phrase 'kill {selves}' uses the unknown group {selves}"),
                new BadFile("leading gap", rule("si.one", "suicidal_ideation", "high", "0.5", "['* die']"),
                        "rule #1 'si.one': phrase '* die': a lone '*' must stand between words"),
                new BadFile("bad id", rule("SI One", "suicidal_ideation", "high", "0.5", "[die]"),
                        "rule #1 'SI One': 'id' must be lower-case words"),
                new BadFile("regex that does not compile", """
                          - id: od.bad
                            category: substance_overdose
                            tier: imminent
                            weight: 1
                            description: broken
                            patterns: ['took (\\\\d+ pills']
                        """, "rule #1 'od.bad': pattern 1 does not compile"),
                new BadFile("regex matching everything", """
                          - id: od.all
                            category: substance_overdose
                            tier: imminent
                            weight: 1
                            description: matches all
                            patterns: ['.*']
                        """, "rule #1 'od.all': pattern 1 matches empty text"),
                new BadFile("third-party emergency that does not escalate",
                        rule("tp.one", "third_party_emergency", "moderate", "0.5", "[took pills]"),
                        "rule #1 'tp.one': 'category' third_party_emergency needs tier high or imminent"),
                new BadFile("unknown thirdParty", withThirdParty(rule("si.one", "suicidal_ideation", "high", "0.5", "[die]"), "maybe"),
                        "rule #1 'si.one': 'thirdParty' is 'maybe', expected one of [concern, emergency, urgent]"),
                new BadFile("thirdParty emergency on a rule that does not escalate",
                        withThirdParty(rule("si.one", "suicidal_ideation", "moderate", "0.5", "[die]"), "emergency"),
                        "rule #1 'si.one': 'thirdParty' emergency needs tier high or imminent"),
                new BadFile("thirdParty on a rule without a person check",
                        withThirdParty(rule("si.one", "suicidal_ideation", "high", "0.5", "[die]") + "    person: none\n", "emergency"),
                        "rule #1 'si.one': 'thirdParty' applies only to a rule about the author's own crisis with a person check"),
                new BadFile("thirdParty urgent without urgency cues",
                        withThirdParty(rule("si.one", "suicidal_ideation", "high", "0.5", "[die]"), "urgent"),
                        "rule #1 'si.one': 'thirdParty' is urgent but lexicon 'urgency' has no cues"),
                new BadFile("unquoted group at the start of a phrase", """
                          - id: si.one
                            category: suicidal_ideation
                            tier: high
                            weight: 1
                            description: d
                            phrases:
                              - {self} hurt
                        """, "it is not a rule file at line"));
    }

    private static String rule(String id, String category, String tier, String weight, String phrases) {
        return "  - id: " + id + "\n    category: " + category + "\n    tier: " + tier + "\n    weight: " + weight
                + "\n    description: test rule\n    phrases: " + phrases + "\n";
    }

    private static String withThirdParty(String rule, String thirdParty) {
        return rule + "    thirdParty: " + thirdParty + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsABadFileNamingTheFileTheRuleAndTheProblem(BadFile bad) {
        assertThatThrownBy(() -> load(HEADER + bad.rules()))
                .isInstanceOf(InvalidRuleFileException.class)
                .hasMessageContaining("test/en.yaml")
                .hasMessageContaining(bad.problem());
    }

    @Test
    void rejectsAFileWithoutVersionOrLexicon() {
        assertThatThrownBy(() -> load(HEADER.replace("version: 2026.11.1\n", "") + rule("a", "self_harm", "low", "1", "[x y]")))
                .hasMessageContaining("'version' must look like 2026.11.1");
        assertThatThrownBy(() -> load(HEADER.replace("  negation: [not, never]\n", "") + rule("a", "self_harm", "low", "1", "[x y]")))
                .hasMessageContaining("lexicon 'negation' is missing or empty");
    }

    @Test
    void rejectsAMissingFile() {
        assertThatThrownBy(() -> RuleSetLoader.load(new DefaultResourceLoader().getResource("classpath:rules/xx.yaml"), "classpath:rules/xx.yaml"))
                .isInstanceOf(InvalidRuleFileException.class)
                .hasMessage("Safety rule file classpath:rules/xx.yaml is invalid: the file does not exist");
    }

    @Test
    void compilesAValidFileAndMatchesItsPhrasesThroughGroups() {
        RuleSet set = load(HEADER + rule("si.kill-self", "suicidal_ideation", "high", "0.9", "['kill {self}']"));

        assertThat(set.version()).isEqualTo("2026.11.1");
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("I want to KILL MYSELF")))
                .containsExactly(new Signal("si.kill-self", Category.SUICIDAL_IDEATION, Tier.HIGH, 0.9));
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("my friend wants to kill herself")))
                .containsExactly(new Signal("si.kill-self", Category.THIRD_PARTY_CONCERN, Tier.MODERATE, 0.9));
    }

    @Test
    void aThirdPartyMatchIsAnEmergencyOnlyWhenTheRuleSaysSoOrTheMessageIsUrgent() {
        String header = HEADER.replace("  past: [used to]\n", "  past: [used to]\n  urgency: [tonight, wont wake up]\n");
        RuleSet set = load(header
                + withThirdParty(rule("od.taken", "substance_overdose", "imminent", "1", "[took all * pills]"), "urgent")
                + withThirdParty(rule("si.ledge", "suicidal_ideation", "imminent", "1", "[on the ledge]"), "emergency")
                + rule("si.kill-self", "suicidal_ideation", "high", "0.9", "['kill {self}']"));

        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("my friend took all her pills and she wont wake up")))
                .containsExactly(new Signal("od.taken", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT, 1));
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("my friend took all her pills")))
                .containsExactly(new Signal("od.taken", Category.THIRD_PARTY_CONCERN, Tier.MODERATE, 1));
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("my friend is on the ledge")))
                .containsExactly(new Signal("si.ledge", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT, 1));
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("my friend used to stand on the ledge")))
                .containsExactly(new Signal("si.ledge", Category.THIRD_PARTY_CONCERN, Tier.LOW, 1));
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("my friend wants to kill herself tonight")))
                .containsExactly(new Signal("si.kill-self", Category.THIRD_PARTY_CONCERN, Tier.MODERATE, 0.9));
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("I took all my pills and I wont wake up")))
                .containsExactly(new Signal("od.taken", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT, 1));
    }

    @Test
    void rejectsATypoWordTooShortToTellFromItsNeighbours() {
        assertThatThrownBy(() -> load(HEADER.replace("  past: [used to]\n", "  past: [used to]\n  typos: [myself, pills]\n")
                + rule("si.one", "suicidal_ideation", "high", "0.5", "[die]")))
                .isInstanceOf(InvalidRuleFileException.class)
                .hasMessageContaining("lexicon 'typos': 'pills' must be one word of at least 6 letters");
    }

    @Test
    void onlyTheListedTypoWordsAcceptASlip() {
        RuleSet set = load(HEADER.replace("  past: [used to]\n", "  past: [used to]\n  typos: [myself]\n")
                + rule("si.kill-self", "suicidal_ideation", "high", "0.9", "['kill {self}']")
                + rule("od.overdosing", "substance_overdose", "imminent", "1", "[im overdosing]"));

        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("I want to kill myslf")))
                .extracting(Signal::ruleId).containsExactly("si.kill-self");
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("I want to kill herslf"))).isEmpty();
        assertThat(RuleEngine.evaluate(set, TextNormalizer.normalize("im overdoing it"))).isEmpty();
    }

    @Test
    void shippedFilesLoad() {
        assertThat(org.tta.safety.classify.Fixtures.shippedRules().sets())
                .extracting(RuleSet::language).containsExactly("en", "es");
    }

    private static RuleSet load(String yaml) {
        return RuleSetLoader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)), "test/en.yaml");
    }
}
