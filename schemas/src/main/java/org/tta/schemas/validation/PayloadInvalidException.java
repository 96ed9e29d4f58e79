package org.tta.schemas.validation;

import java.util.List;

/** A payload broke its schema; {@link #violations()} says where and why, without its content. */
public final class PayloadInvalidException extends RuntimeException {

    private final PayloadSchema schema;
    private final List<Violation> violations;

    public PayloadInvalidException(PayloadSchema schema, List<Violation> violations) {
        super(schema + " payload is invalid: " + violations, null, false, false);
        this.schema = schema;
        this.violations = List.copyOf(violations);
    }

    public PayloadSchema schema() {
        return schema;
    }

    public List<Violation> violations() {
        return violations;
    }
}
