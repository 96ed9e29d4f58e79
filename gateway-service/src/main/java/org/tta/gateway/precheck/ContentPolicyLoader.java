package org.tta.gateway.precheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads, validates and compiles a content policy file. Any problem is an
 * {@link InvalidContentPolicyException} naming the file and the rule, so a bad policy stops the
 * gateway at start-up instead of letting content through.
 */
final class ContentPolicyLoader {

    static final int SUPPORTED_VERSION = 1;

    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*");
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]*");
    private static final String WILDCARD = "*";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ContentPolicyLoader() {
    }

    static ContentPolicy load(Resource resource, String location) {
        if (!resource.exists()) {
            throw new InvalidContentPolicyException(location, "the file does not exist");
        }
        PolicyFile file;
        try (InputStream in = resource.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                throw new InvalidContentPolicyException(location, "the file is empty");
            }
            file = YAML.readValue(bytes, PolicyFile.class);
        } catch (JacksonException e) {
            throw new InvalidContentPolicyException(location, "it is not a policy document (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidContentPolicyException(location, "it cannot be read (" + e.getMessage() + ")");
        }
        return compile(file, location);
    }

    static ContentPolicy compile(PolicyFile file, String location) {
        if (file == null) {
            throw new InvalidContentPolicyException(location, "the file is empty");
        }
        if (file.version() == null || file.version() != SUPPORTED_VERSION) {
            throw new InvalidContentPolicyException(location, "'version' must be " + SUPPORTED_VERSION);
        }
        if (isBlank(file.name())) {
            throw new InvalidContentPolicyException(location, "'name' is missing");
        }
        if (file.rules() == null || file.rules().isEmpty()) {
            throw new InvalidContentPolicyException(location, "it has no rules");
        }
        Set<String> ids = new HashSet<>();
        List<PolicyRule> rules = new ArrayList<>();
        List<PhraseIndex.Phrase> phrases = new ArrayList<>();
        for (int i = 0; i < file.rules().size(); i++) {
            PolicyFile.Rule rule = file.rules().get(i);
            String where = "rule #" + (i + 1) + (rule != null && rule.id() != null ? " '" + rule.id() + "'" : "");
            if (rule == null) {
                throw new InvalidContentPolicyException(location, where + " is empty");
            }
            try {
                PolicyRule compiled = compile(rule);
                for (String phrase : rule.phrases() == null ? List.<String>of() : rule.phrases()) {
                    phrases.add(new PhraseIndex.Phrase(i, phraseTokens(phrase)));
                }
                if (!ids.add(compiled.id())) {
                    throw new IllegalArgumentException("the id is used by an earlier rule");
                }
                rules.add(compiled);
            } catch (IllegalArgumentException e) {
                throw new InvalidContentPolicyException(location, where + ": " + e.getMessage());
            }
        }
        return new ContentPolicy(file.name(), file.version(), rules, new PhraseIndex(phrases, rules.size()));
    }

    private static PolicyRule compile(PolicyFile.Rule rule) {
        if (rule.id() == null || !RULE_ID.matcher(rule.id()).matches()) {
            throw new IllegalArgumentException("'id' must be lower-case words joined by '.' or '-' (e.g. contact.phone)");
        }
        PolicyRule.Action action;
        try {
            action = PolicyRule.Action.valueOf(String.valueOf(rule.action()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'action' must be reject or crisis");
        }
        if (rule.category() == null || !CATEGORY.matcher(rule.category()).matches()) {
            throw new IllegalArgumentException("'category' must be a lower-case word (letters, digits, '-')");
        }
        if (isBlank(rule.description())) {
            throw new IllegalArgumentException("'description' is missing");
        }
        List<String> phrases = rule.phrases() == null ? List.of() : rule.phrases();
        List<String> patterns = rule.patterns() == null ? List.of() : rule.patterns();
        if (phrases.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("it needs 'phrases' or 'patterns'");
        }
        List<String> spacedOutForms = new ArrayList<>();
        for (String phrase : phrases) {
            phraseTokens(phrase); // fails here, naming the rule, if the phrase is unusable
            String spacedOut = spacedOutRegex(phrase);
            if (spacedOut != null) {
                spacedOutForms.add(spacedOut);
            }
        }
        List<Pattern> compiled = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            compiled.add(pattern(patterns.get(i), i + 1));
        }
        List<String> requires = rule.requires() == null ? List.of() : rule.requires();
        if (!requires.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("'requires' filters 'patterns', and the rule has none");
        }
        for (String required : requires) {
            if (required == null || required.isEmpty() || !required.equals(TextViews.plain(required))) {
                throw new IllegalArgumentException("'requires' entries must be non-empty and in the plain view's form "
                        + "(lower case, no diacritics)");
            }
        }
        return new PolicyRule(rule.id(), action, rule.category(),
                spacedOutForms.isEmpty() ? null : Pattern.compile(String.join("|", spacedOutForms)),
                compiled, requires);
    }

    /** A phrase as folded words: exact words, 'word*' prefixes and lone '*' wildcards. */
    private static List<PhraseIndex.Token> phraseTokens(String phrase) {
        String[] tokens = tokens(phrase);
        List<PhraseIndex.Token> result = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals(WILDCARD)) {
                if (i == 0 || i == tokens.length - 1) {
                    throw new IllegalArgumentException("phrase '" + phrase + "': a lone '*' must stand between words");
                }
                result.add(new PhraseIndex.Token(null, false, true));
            } else if (token.endsWith(WILDCARD)) {
                String prefix = foldedWords(token.substring(0, token.length() - 1), phrase);
                if (prefix.indexOf(TextViews.BREAK) >= 0) {
                    throw new IllegalArgumentException("phrase '" + phrase + "': 'word*' must be a single word");
                }
                result.add(new PhraseIndex.Token(prefix, true, false));
            } else {
                for (String word : foldedWords(token, phrase).split(" ")) {
                    result.add(new PhraseIndex.Token(word, false, false));
                }
            }
        }
        return List.copyOf(result);
    }

    /** The phrase with its word breaks gone, or null when it has a lone wildcard (the words could be anything). */
    private static String spacedOutRegex(String phrase) {
        String[] tokens = tokens(phrase);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals(WILDCARD)) {
                return null;
            }
            if (token.endsWith(WILDCARD)) {
                if (i != tokens.length - 1) {
                    return null;
                }
                // Found as a substring anyway: a trailing 'word*' needs nothing more.
                token = token.substring(0, token.length() - 1);
            }
            literal.append(foldedWords(token, phrase)).append(TextViews.BREAK);
        }
        return Pattern.quote(TextViews.squeeze(literal.toString()));
    }

    private static String[] tokens(String phrase) {
        if (isBlank(phrase)) {
            throw new IllegalArgumentException("a phrase is blank");
        }
        return phrase.trim().split("\\s+");
    }

    private static String foldedWords(String token, String phrase) {
        String words = TextViews.fold(TextViews.plain(token)).words().trim();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("phrase '" + phrase + "': '" + token + "' has no letters or digits");
        }
        return words;
    }

    private static Pattern pattern(String regex, int index) {
        if (isBlank(regex)) {
            throw new IllegalArgumentException("pattern " + index + " is blank");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern " + index + " does not compile: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        if (pattern.matcher("").find()) {
            throw new IllegalArgumentException("pattern " + index + " matches empty text, so it would match every message");
        }
        return pattern;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
