package org.tta.safety.classify.rules;

/** A rule file that cannot be used. The message names the file, the rule and the problem. */
public class InvalidRuleFileException extends RuntimeException {

    private final String location;

    public InvalidRuleFileException(String location, String problem) {
        super("Safety rule file " + location + " is invalid: " + problem);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
