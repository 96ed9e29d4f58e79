package org.tta.audit.review;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.tta.audit.review.InvalidQueryException.ParameterError;

/**
 * Reads and validates the query string of a reviewer request. Every value is checked against a strict rule
 * (values only ever reach SQL as bind parameters; the rules are there so that a typo or an attack gets a clear
 * 400 instead of an empty page). Unknown parameters are refused too: a misspelt filter must not silently widen
 * a query to the whole trail.
 */
public final class QueryParameters {

    /** The session id rule of the schemas ({@code common.v1.json#/$defs/sessionId}). */
    static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    /** An actor id ({@code common.v1.json#/$defs/id}): printable ASCII without spaces. */
    static final Pattern SUBJECT = Pattern.compile("^[\\x21-\\x7E]{1,128}$");
    /** An audit action ({@code common.v1.json#/$defs/token}). */
    static final Pattern TOKEN = Pattern.compile("^[A-Za-z][A-Za-z0-9_.:-]{0,63}$");
    /** Letters, digits and a few separators: a severity name. */
    static final Pattern SEVERITY = Pattern.compile("^[a-z]{1,16}$");
    static final int MAX_VALUES = 20;
    static final int MAX_REASON = 500;

    private final Map<String, String[]> raw;
    private final List<ParameterError> errors = new ArrayList<>();

    private QueryParameters(Map<String, String[]> raw, Set<String> allowed) {
        this.raw = raw;
        for (String name : raw.keySet()) {
            if (!allowed.contains(name)) {
                errors.add(new ParameterError(safeName(name), "is not a parameter of this request"));
            }
        }
    }

    /** Starts reading {@code raw} (the servlet parameter map), refusing any parameter outside {@code allowed}. */
    public static QueryParameters of(Map<String, String[]> raw, Set<String> allowed) {
        return new QueryParameters(raw, allowed);
    }

    /** The filters every reviewer query shares. */
    public RecordFilter filter(Set<String> knownSeverities) {
        String sessionId = single("sessionId", SESSION_ID, "must be 1 to 128 letters, digits or . _ : - and start with a letter or digit");
        String subject = single("subject", SUBJECT, "must be 1 to 128 printable ASCII characters without spaces");
        List<String> actions = many("action", TOKEN, "must be 1 to 64 letters, digits or . _ : - and start with a letter");
        List<String> severities = many("severity", SEVERITY, "must be one of " + knownSeverities);
        for (String severity : severities) {
            if (!knownSeverities.contains(severity)) {
                errors.add(new ParameterError("severity", "must be one of " + knownSeverities));
                break;
            }
        }
        Instant from = instant("from");
        Instant to = instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new ParameterError("to", "must be later than from"));
        }
        return new RecordFilter(sessionId, subject, actions, severities, from, to);
    }

    /** A required session id given in the path. */
    public String pathSessionId(String value) {
        if (value == null || !SESSION_ID.matcher(value).matches()) {
            errors.add(new ParameterError("id", "must be 1 to 128 letters, digits or . _ : - and start with a letter or digit"));
        }
        return value;
    }

    /**
     * The page size: {@code defaultSize} when absent, capped at {@code maxSize} when larger (a large page size is
     * not an error, the caller gets the largest page there is); zero, negative or not a number is a 400.
     */
    public int limit(int defaultSize, int maxSize) {
        String value = single("limit", null, null);
        if (value == null) {
            return defaultSize;
        }
        if (!value.matches("^[0-9]{1,18}$")) {
            errors.add(new ParameterError("limit", "must be a positive whole number"));
            return defaultSize;
        }
        long asked = Long.parseLong(value);
        if (asked < 1) {
            errors.add(new ParameterError("limit", "must be a positive whole number"));
            return defaultSize;
        }
        return (int) Math.min(asked, maxSize);
    }

    /** The opaque cursor, or {@code null}; its signature is checked by {@link CursorCodec}. */
    public String cursor() {
        String value = single("cursor", null, null);
        if (value != null && (value.isEmpty() || value.length() > CursorCodec.MAX_LENGTH)) {
            errors.add(new ParameterError("cursor", "is not a cursor this service issued"));
            return null;
        }
        return value;
    }

    /**
     * Why the caller reads the trail: required (HIPAA accounting of access), 1 to 500 characters, not blank, no
     * control characters. Stored verbatim in the {@code audit.accessed} record.
     */
    public String reason() {
        String value = single("reason", null, null);
        if (value == null || value.isBlank()) {
            errors.add(new ParameterError("reason", "is required: say why you read the audit trail"));
            return null;
        }
        if (value.length() > MAX_REASON || value.codePoints().anyMatch(QueryParameters::isControl)) {
            errors.add(new ParameterError("reason", "must be at most 500 characters without control characters"));
            return null;
        }
        return value.strip();
    }

    /** One of {@code choices}, or {@code defaultValue} when absent. */
    public String choice(String name, Set<String> choices, String defaultValue) {
        String value = single(name, null, null);
        if (value == null) {
            return defaultValue;
        }
        if (!choices.contains(value)) {
            errors.add(new ParameterError(name, "must be one of " + choices));
            return defaultValue;
        }
        return value;
    }

    /** A required instant parameter. */
    public Instant requiredInstant(String name) {
        if (!raw.containsKey(name)) {
            errors.add(new ParameterError(name, "is required"));
            return null;
        }
        return instant(name);
    }

    /** Adds an error unless {@code [from, to)} is a non-empty period of at most {@code longest}. */
    public void periodAtMost(Instant from, Instant to, java.time.Duration longest) {
        if (from == null || to == null) {
            return;
        }
        if (!from.isBefore(to)) {
            errors.add(new ParameterError("to", "must be later than from"));
        } else if (java.time.Duration.between(from, to).compareTo(longest) > 0) {
            errors.add(new ParameterError("to", "must be at most " + longest.toDays() + " days after from"));
        }
    }

    /** Throws the collected errors, if any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
    }

    private Instant instant(String name) {
        String value = single(name, null, null);
        if (value == null) {
            return null;
        }
        try {
            return value.length() > 64 ? fail(name) : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return fail(name);
        }
    }

    private Instant fail(String name) {
        errors.add(new ParameterError(name, "must be an RFC 3339 date-time with offset, such as 2026-11-01T00:00:00Z"));
        return null;
    }

    private String single(String name, Pattern rule, String message) {
        String[] values = raw.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            errors.add(new ParameterError(name, "must be given at most once"));
            return null;
        }
        String value = values[0];
        if (rule != null && !rule.matcher(value).matches()) {
            errors.add(new ParameterError(name, message));
            return null;
        }
        return value;
    }

    private List<String> many(String name, Pattern rule, String message) {
        String[] values = raw.get(name);
        if (values == null) {
            return List.of();
        }
        List<String> accepted = new ArrayList<>();
        for (String value : values) {
            // a comma-separated list counts as several values
            for (String one : value.split(",", -1)) {
                if (!rule.matcher(one).matches()) {
                    errors.add(new ParameterError(name, message));
                    return List.of();
                }
                accepted.add(one);
            }
        }
        if (accepted.size() > MAX_VALUES) {
            errors.add(new ParameterError(name, "must have at most " + MAX_VALUES + " values"));
            return List.of();
        }
        return List.copyOf(accepted);
    }

    private static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL || Character.getType(codePoint) == Character.FORMAT;
    }

    /** An unknown parameter's name goes back in the problem: keep it short and printable. */
    private static String safeName(String name) {
        String printable = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
