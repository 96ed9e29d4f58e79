package org.tta.gateway.precheck;

/** The text holds control or bidirectional-override characters: 400 validation-failed. */
public final class UnsafeCharactersException extends RuntimeException {

    public UnsafeCharactersException() {
        super("The text contains control characters or bidirectional overrides", null, false, false);
    }
}
