package org.tta.audit.review;

import java.util.List;

/** Query parameters that break their rules: a 400 listing each parameter and rule, never the submitted value. */
public class InvalidQueryException extends RuntimeException {

    /** One broken rule. */
    public record ParameterError(String parameter, String message) {
    }

    private final List<ParameterError> errors;

    public InvalidQueryException(List<ParameterError> errors) {
        super("Invalid query parameters: " + errors.stream().map(ParameterError::parameter).toList());
        this.errors = List.copyOf(errors);
    }

    public List<ParameterError> errors() {
        return errors;
    }
}
