package org.tta.gateway.session;

/** The session kept changing under an unconditional change, beyond the retries: 409, nothing changed. */
public final class SessionChangedConcurrentlyException extends RuntimeException {

    public SessionChangedConcurrentlyException() {
        super("The session changed concurrently; read it and retry with If-Match");
    }
}
