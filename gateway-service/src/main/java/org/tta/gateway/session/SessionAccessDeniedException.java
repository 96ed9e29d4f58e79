package org.tta.gateway.session;

/** The caller is not a participant of the session: answered 403 and audited. */
public final class SessionAccessDeniedException extends RuntimeException {

    public SessionAccessDeniedException() {
        super("The caller is not a participant of this session");
    }
}
