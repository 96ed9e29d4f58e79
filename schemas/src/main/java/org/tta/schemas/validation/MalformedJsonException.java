package org.tta.schemas.validation;

/**
 * The bytes are not exactly one JSON value. The message says where, never what: the body may be
 * PHI, so neither the content nor the parser's exception (which quotes tokens) is kept.
 */
public final class MalformedJsonException extends RuntimeException {

    public MalformedJsonException(String message) {
        super(message, null, false, false);
    }
}
