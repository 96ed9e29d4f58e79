package org.tta.audit.review;

/** A cursor that this service did not issue, that was altered, or that belongs to another query: a 400. */
public class InvalidCursorException extends RuntimeException {

    InvalidCursorException(String message) {
        super(message);
    }
}
