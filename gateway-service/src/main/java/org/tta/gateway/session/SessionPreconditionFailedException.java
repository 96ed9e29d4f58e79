package org.tta.gateway.session;

/** {@code If-Match} named another version than the stored one: 412, nothing changed. */
public final class SessionPreconditionFailedException extends RuntimeException {

    public SessionPreconditionFailedException() {
        super("The session is not at the version named in If-Match");
    }
}
