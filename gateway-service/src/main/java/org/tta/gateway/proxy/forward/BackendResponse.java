package org.tta.gateway.proxy.forward;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A backend's whole answer, read into memory within the route's size limit (so a too large one is
 * refused before any byte reaches the client), with hop-by-hop headers already removed.
 */
public record BackendResponse(int status, HttpHeaders headers, byte[] body) {

    public boolean isProblem() {
        MediaType type = contentType();
        return type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type);
    }

    public MediaType contentType() {
        try {
            return headers.getContentType();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
