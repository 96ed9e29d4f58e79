package org.tta.gateway.session;

/** No session has this id: 404, told only to callers who may see every session (admins, managing services). */
public final class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException() {
        super("No session has this id");
    }
}
