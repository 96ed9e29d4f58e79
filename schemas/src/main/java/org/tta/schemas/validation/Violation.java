package org.tta.schemas.validation;

/**
 * One way in which a payload breaks its schema.
 *
 * @param pointer the RFC 6901 JSON pointer of the failing location ({@code ""} for the whole document)
 * @param message a human-readable reason; it never contains the submitted value, which may be PHI
 */
public record Violation(String pointer, String message) {
}
