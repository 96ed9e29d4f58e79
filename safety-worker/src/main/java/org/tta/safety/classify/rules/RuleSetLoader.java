package org.tta.safety.classify.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.core.io.Resource;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;
import org.tta.safety.classify.text.Keys;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads, validates and compiles a rule file. Any problem is an {@link InvalidRuleFileException} naming the file,
 * the rule and the problem, so a bad file stops the worker at start-up instead of letting crises through.
 */
public final class RuleSetLoader {

    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*");
    private static final Pattern VERSION = Pattern.compile("\\d{4}\\.\\d{1,2}\\.\\d+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RuleSetLoader() {
    }

    public static RuleSet load(Resource resource, String location) {
        if (!resource.exists()) {
            throw new InvalidRuleFileException(location, "the file does not exist");
        }
        RuleFile file;
        try (InputStream in = resource.getInputStream()) {
            file = YAML.readValue(in, RuleFile.class);
        } catch (JacksonException e) {
            String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidRuleFileException(location, "it is not a rule file" + line + " (" + e.getOriginalMessage()
                    + "; a phrase that starts with '{' must be quoted)");
        } catch (IOException e) {
            throw new InvalidRuleFileException(location, "it cannot be read (" + e.getMessage() + ")");
        }
        return compile(file, location);
    }

    static RuleSet compile(RuleFile file, String location) {
        if (file == null) {
            throw new InvalidRuleFileException(location, "the file is empty");
        }
        if (file.version() == null || !VERSION.matcher(file.version()).matches()) {
            throw new InvalidRuleFileException(location, "'version' must look like 2026.11.1");
        }
        if (file.language() == null || !LANGUAGE.matcher(file.language()).matches()) {
            throw new InvalidRuleFileException(location, "'language' must be a two-letter code (en, es)");
        }
        if (file.rules() == null || file.rules().isEmpty()) {
            throw new InvalidRuleFileException(location, "it has no rules");
        }
        Map<String, Set<String>> groups = groups(file, location);
        Set<String> typos = typos(file.lexicon(), location);
        List<Phrase> phrases = new ArrayList<>();
        List<PhraseIndex.Squeezed> squeezed = new ArrayList<>();
        lexicon(file.lexicon(), groups, phrases, location);
        Set<String> ids = new HashSet<>();
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < file.rules().size(); i++) {
            RuleFile.Rule rule = file.rules().get(i);
            String where = "rule #" + (i + 1) + (rule != null && rule.id() != null ? " '" + rule.id() + "'" : "");
            try {
                if (rule == null) {
                    throw new IllegalArgumentException("it is empty");
                }
                CompiledRule compiled = rule(rule);
                if (compiled.thirdParty() == CompiledRule.ThirdParty.URGENT && list(file.lexicon().urgency()).isEmpty()) {
                    throw new IllegalArgumentException("'thirdParty' is urgent but lexicon 'urgency' has no cues");
                }
                if (!ids.add(compiled.id())) {
                    throw new IllegalArgumentException("the id is used by an earlier rule");
                }
                boolean english = file.language().equals("en");
                for (String text : list(rule.phrases())) {
                    Phrase phrase = PhraseCompiler.phrase(text, groups, Cue.RULE, i);
                    for (String letters : PhraseCompiler.squeezedLetters(phrase)) {
                        squeezed.add(new PhraseIndex.Squeezed(letters, i));
                    }
                    phrases.addAll(PhraseCompiler.spellings(text, english, groups, typos, Cue.RULE, i));
                }
                for (String text : list(rule.context())) {
                    phrases.addAll(PhraseCompiler.spellings(text, english, groups, typos, Cue.CONTEXT, i));
                }
                for (String text : list(rule.messageContext())) {
                    phrases.addAll(PhraseCompiler.spellings(text, english, groups, typos, Cue.MESSAGE_CONTEXT, i));
                }
                for (String text : list(rule.unless())) {
                    phrases.addAll(PhraseCompiler.spellings(text, english, groups, Set.of(), Cue.UNLESS, i));
                }
                rules.add(compiled);
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleFileException(location, where + ": " + e.getMessage());
            }
        }
        return new RuleSet(file.language(), file.version(), rules, new PhraseIndex(phrases, squeezed));
    }

    private static CompiledRule rule(RuleFile.Rule rule) {
        if (rule.id() == null || !RULE_ID.matcher(rule.id()).matches()) {
            throw new IllegalArgumentException("'id' must be lower-case words joined by '.' or '-' (e.g. si.active.kill-myself)");
        }
        Category category = parse(Category.class, rule.category(), "category");
        if (category == Category.NONE) {
            throw new IllegalArgumentException("'category' cannot be none: a rule that signals nothing is not a rule");
        }
        Tier tier = parse(Tier.class, rule.tier(), "tier");
        if (tier == Tier.NONE) {
            throw new IllegalArgumentException("'tier' cannot be none");
        }
        if (rule.weight() == null || !(rule.weight() > 0 && rule.weight() <= 1)) {
            throw new IllegalArgumentException("'weight' must be a number above 0 and at most 1");
        }
        if (rule.description() == null || rule.description().isBlank()) {
            throw new IllegalArgumentException("'description' is missing");
        }
        if (list(rule.phrases()).isEmpty() && list(rule.patterns()).isEmpty()) {
            throw new IllegalArgumentException("it needs 'phrases' or 'patterns'");
        }
        if (category == Category.THIRD_PARTY_EMERGENCY && !tier.escalates()) {
            throw new IllegalArgumentException("'category' third_party_emergency needs tier high or imminent "
                    + "(someone else's danger that does not escalate is a third_party_concern)");
        }
        CompiledRule.Person person = rule.person() == null ? defaultPerson(category)
                : parse(CompiledRule.Person.class, rule.person(), "person");
        CompiledRule.ThirdParty thirdParty = thirdParty(rule, category, tier, person);
        List<Pattern> patterns = new ArrayList<>();
        List<String> written = list(rule.patterns());
        for (int i = 0; i < written.size(); i++) {
            patterns.add(pattern(written.get(i), i + 1));
        }
        return new CompiledRule(rule.id(), category, tier, rule.weight(), person, thirdParty, patterns, !list(rule.context()).isEmpty(),
                !list(rule.messageContext()).isEmpty(),
                !list(rule.unless()).isEmpty());
    }

    private static CompiledRule.ThirdParty thirdParty(RuleFile.Rule rule, Category category, Tier tier,
                                                      CompiledRule.Person person) {
        if (rule.thirdParty() == null) {
            return CompiledRule.ThirdParty.CONCERN;
        }
        CompiledRule.ThirdParty thirdParty = parse(CompiledRule.ThirdParty.class, rule.thirdParty(), "thirdParty");
        if (category == Category.THIRD_PARTY_CONCERN || category == Category.THIRD_PARTY_EMERGENCY
                || person == CompiledRule.Person.NONE) {
            throw new IllegalArgumentException("'thirdParty' applies only to a rule about the author's own crisis with a "
                    + "person check (person subject or object)");
        }
        if (thirdParty != CompiledRule.ThirdParty.CONCERN && !tier.escalates()) {
            throw new IllegalArgumentException("'thirdParty' " + rule.thirdParty() + " needs tier high or imminent");
        }
        return thirdParty;
    }

    private static CompiledRule.Person defaultPerson(Category category) {
        return switch (category) {
            case SUICIDAL_IDEATION, SELF_HARM, SUBSTANCE_OVERDOSE, MEDICAL_EMERGENCY, HARM_TO_OTHERS -> CompiledRule.Person.SUBJECT;
            case ABUSE_DISCLOSURE -> CompiledRule.Person.OBJECT;
            default -> CompiledRule.Person.NONE;
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("'" + field + "' is '" + value + "', expected one of " + allowed);
        }
    }

    private static Map<String, Set<String>> groups(RuleFile file, String location) {
        Map<String, Set<String>> groups = new HashMap<>();
        if (file.groups() == null) {
            return groups;
        }
        file.groups().forEach((name, words) -> {
            if (!name.matches("[a-z][a-z0-9_-]*") || words == null || words.isEmpty()) {
                throw new InvalidRuleFileException(location, "group '" + name + "' needs a lower-case name and words");
            }
            Set<String> keys = new LinkedHashSet<>();
            for (String word : words) {
                if (word == null || word.isBlank() || word.trim().contains(" ")) {
                    throw new InvalidRuleFileException(location, "group '" + name + "': '" + word + "' is not one word");
                }
                keys.add(Keys.key(word.trim().toLowerCase(Locale.ROOT).replace("'", "")));
            }
            groups.put(name, Set.copyOf(keys));
        });
        return groups;
    }

    private static void lexicon(RuleFile.Lexicon lexicon, Map<String, Set<String>> groups, List<Phrase> phrases,
                                String location) {
        if (lexicon == null) {
            throw new InvalidRuleFileException(location, "'lexicon' is missing");
        }
        cues(lexicon.negation(), "negation", Cue.NEGATION, true, groups, phrases, location);
        cues(lexicon.negationBreakers(), "negationBreakers", Cue.NEGATION_BREAKER, false, groups, phrases, location);
        cues(lexicon.clauseBreaks(), "clauseBreaks", Cue.CLAUSE_BREAK, false, groups, phrases, location);
        cues(lexicon.hypothetical(), "hypothetical", Cue.HYPOTHETICAL, true, groups, phrases, location);
        cues(lexicon.firstPerson(), "firstPerson", Cue.FIRST_PERSON, true, groups, phrases, location);
        cues(lexicon.thirdPerson(), "thirdPerson", Cue.THIRD_PERSON, true, groups, phrases, location);
        cues(lexicon.thirdPersonObject(), "thirdPersonObject", Cue.THIRD_PERSON_OBJECT, false, groups, phrases, location);
        cues(lexicon.selfQuote(), "selfQuote", Cue.SELF_QUOTE, false, groups, phrases, location);
        cues(lexicon.past(), "past", Cue.PAST, true, groups, phrases, location);
        cues(lexicon.recovery(), "recovery", Cue.RECOVERY, false, groups, phrases, location);
        cues(lexicon.relapse(), "relapse", Cue.RELAPSE, false, groups, phrases, location);
        cues(lexicon.urgency(), "urgency", Cue.URGENCY, false, groups, phrases, location);
    }

    private static void cues(List<String> written, String name, Cue cue, boolean required, Map<String, Set<String>> groups,
                             List<Phrase> phrases, String location) {
        if (required && (written == null || written.isEmpty())) {
            throw new InvalidRuleFileException(location, "lexicon '" + name + "' is missing or empty");
        }
        for (String text : list(written)) {
            try {
                phrases.add(PhraseCompiler.phrase(text, groups, cue, -1));
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleFileException(location, "lexicon '" + name + "': " + e.getMessage());
            }
        }
    }

    /** The keys of the lexicon's {@code typos}: words of at least {@link Tolerance#MIN_FUZZY_KEY} letters in key form. */
    private static Set<String> typos(RuleFile.Lexicon lexicon, String location) {
        Set<String> keys = new HashSet<>();
        for (String word : lexicon == null ? List.<String>of() : list(lexicon.typos())) {
            String key = word == null ? "" : Keys.key(word.trim().toLowerCase(Locale.ROOT));
            if (key.length() < Tolerance.MIN_FUZZY_KEY || !key.chars().allMatch(Character::isLetter)) {
                throw new InvalidRuleFileException(location, "lexicon 'typos': '" + word + "' must be one word of at least "
                        + Tolerance.MIN_FUZZY_KEY + " letters once keyed (shorter words have too many neighbours)");
            }
            keys.add(key);
        }
        return Set.copyOf(keys);
    }

    private static Pattern pattern(String regex, int index) {
        if (regex == null || regex.isBlank()) {
            throw new IllegalArgumentException("pattern " + index + " is blank");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(PatternKeys.toKeyForm(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern " + index + " does not compile: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        if (pattern.matcher("").find() || pattern.matcher(" ").find()) {
            throw new IllegalArgumentException("pattern " + index + " matches empty text, so it would match every message");
        }
        return pattern;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
