package org.tta.audit.phi;

/** A stored ciphertext could not be decrypted; the message never includes key material or content. */
public class ContentUnavailableException extends RuntimeException {

    public ContentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
