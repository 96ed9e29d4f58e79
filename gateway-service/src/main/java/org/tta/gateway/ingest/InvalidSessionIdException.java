package org.tta.gateway.ingest;

/** The session id in the path is not of the allowed form. */
public final class InvalidSessionIdException extends RuntimeException {

    public InvalidSessionIdException() {
        super("The session id must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
}
